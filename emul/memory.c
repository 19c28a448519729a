/* Process memory: the brk heap above the program's segments, anonymous mmap
 * (searched upward from LINUX_MMAP_BASE unless placed), munmap and mprotect,
 * all as vm_map / vm_deallocate / vm_protect on the task itself. */
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "memory.h"
#include "syscalls.h"

#define USER_SPACE_END 0x800000000000ull
#define LOW_2G_START   0x40000000ull /* MAP_32BIT's search start */
#define LOW_2G_END     0x80000000ull

static emul_lock_t brk_lock;
static uint64_t brk_start, brk_current, brk_mapped_end;

void emul_memory_init(uint64_t start)
{
	brk_start = brk_current = start;
	brk_mapped_end = page_round_up(start);
}

int emul_range_allowed(uint64_t address, uint64_t length)
{
	if (address >= USER_SPACE_END || length > USER_SPACE_END - address)
		return 0;
	return address + length <= EMUL_IMAGE_BASE || address >= EMUL_IMAGE_END;
}

kern_return_t emul_map_anonymous(uint64_t *address, uint64_t length, int anywhere, int protection,
                                 vm_inherit_t inheritance)
{
	vm_address_t at = *address;
	kern_return_t result =
	    vm_map(mach_task_self(), &at, length, 0, anywhere ? TRUE : FALSE, MACH_PORT_NULL, 0,
	           FALSE, protection & VM_PROT_ALL, VM_PROT_ALL, inheritance);
	if (result == KERN_SUCCESS && !emul_range_allowed(at, length)) {
		(void)vm_deallocate(mach_task_self(), at, length);
		return KERN_NO_SPACE;
	}
	if (result == KERN_SUCCESS)
		*address = at;
	return result;
}

int emul_region_at(uint64_t address, uint64_t *end, vm_prot_t *protection,
                   vm_inherit_t *inheritance)
{
	vm_address_t region = address;
	vm_size_t size = 0;
	vm_prot_t maximum;
	boolean_t shared;
	mach_port_t object_name = MACH_PORT_NULL;
	vm_offset_t offset;
	kern_return_t result = vm_region(mach_task_self(), &region, &size, protection, &maximum,
	                                 inheritance, &shared, &object_name, &offset);
	if (MACH_PORT_VALID(object_name))
		(void)mach_port_deallocate(mach_task_self(), object_name);
	if (result != KERN_SUCCESS || region > address)
		return 0;
	*end = region + size;
	return 1;
}

long emul_sys_brk(struct emul_frame *frame)
{
	uint64_t wanted = frame->rdi;
	emul_lock(&brk_lock);
	if (wanted >= brk_start && wanted < EMUL_IMAGE_BASE) {
		uint64_t wanted_end = page_round_up(wanted);
		int ok = 1;
		if (wanted_end > brk_mapped_end) {
			uint64_t at = brk_mapped_end;
			ok = emul_map_anonymous(&at, wanted_end - brk_mapped_end, 0,
			                        VM_PROT_READ | VM_PROT_WRITE,
			                        VM_INHERIT_COPY) == KERN_SUCCESS;
		} else if (wanted_end < brk_mapped_end) {
			ok = vm_deallocate(mach_task_self(), wanted_end,
			                   brk_mapped_end - wanted_end) == KERN_SUCCESS;
		}
		if (ok) {
			brk_mapped_end = wanted_end;
			brk_current = wanted;
		}
	}
	uint64_t answer = brk_current;
	emul_unlock(&brk_lock);
	return (long)answer;
}

static long mmap_anonymous(uint64_t address, uint64_t length, int protection, uint64_t flags)
{
	vm_inherit_t inheritance =
	    (flags & LINUX_MAP_TYPE) == LINUX_MAP_PRIVATE ? VM_INHERIT_COPY : VM_INHERIT_SHARE;
	if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
		if (!page_aligned(address))
			return -LINUX_EINVAL;
		if (!emul_range_allowed(address, length))
			return -LINUX_ENOMEM;
		if (!(flags & LINUX_MAP_FIXED_NOREPLACE))
			(void)vm_deallocate(mach_task_self(), address, length);
		kern_return_t result =
		    emul_map_anonymous(&address, length, 0, protection, inheritance);
		if (result == KERN_SUCCESS)
			return (long)address;
		return (flags & LINUX_MAP_FIXED_NOREPLACE) && result == KERN_NO_SPACE
		           ? -LINUX_EEXIST
		           : -LINUX_ENOMEM;
	}
	/* A hint is taken when that range is free. */
	if (address != 0 && page_aligned(address) && emul_range_allowed(address, length) &&
	    emul_map_anonymous(&address, length, 0, protection, inheritance) == KERN_SUCCESS)
		return (long)address;
	uint64_t at = (flags & LINUX_MAP_32BIT) ? LOW_2G_START : LINUX_MMAP_BASE;
	if (emul_map_anonymous(&at, length, 1, protection, inheritance) != KERN_SUCCESS)
		return -LINUX_ENOMEM;
	if ((flags & LINUX_MAP_32BIT) && at + length > LOW_2G_END) {
		(void)vm_deallocate(mach_task_self(), at, length);
		return -LINUX_ENOMEM;
	}
	return (long)at;
}

long emul_sys_mmap(struct emul_frame *frame)
{
	uint64_t address = frame->rdi, length = frame->rsi, protection = frame->rdx,
	         flags = frame->r10, offset = frame->r9;
	if (length == 0 || !page_aligned(offset))
		return -LINUX_EINVAL;
	if (length > USER_SPACE_END)
		return -LINUX_ENOMEM;
	length = page_round_up(length);
	uint64_t type = flags & LINUX_MAP_TYPE;
	if (type != LINUX_MAP_PRIVATE && type != LINUX_MAP_SHARED &&
	    type != LINUX_MAP_SHARED_VALIDATE)
		return -LINUX_EINVAL;
	if (protection & ~(uint64_t)(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC))
		return -LINUX_EINVAL;
	if (!(flags & LINUX_MAP_ANONYMOUS))
		return -LINUX_EBADF; /* no file descriptor is a file yet */
	if (flags & LINUX_MAP_HUGETLB)
		return -LINUX_EINVAL;
	return mmap_anonymous(address, length, (int)protection, flags);
}

long emul_sys_munmap(struct emul_frame *frame)
{
	uint64_t address = frame->rdi, length = frame->rsi;
	if (!page_aligned(address) || length == 0 || length > USER_SPACE_END)
		return -LINUX_EINVAL;
	length = page_round_up(length);
	if (!emul_range_allowed(address, length))
		return -LINUX_EINVAL;
	kern_return_t result = vm_deallocate(mach_task_self(), address, length);
	return result == KERN_SUCCESS ? 0 : -LINUX_EINVAL;
}

long emul_sys_mprotect(struct emul_frame *frame)
{
	uint64_t address = frame->rdi, length = frame->rsi, protection = frame->rdx;
	if (!page_aligned(address) || length > USER_SPACE_END)
		return -LINUX_EINVAL;
	protection &= ~(uint64_t)(LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP);
	if (protection & ~(uint64_t)(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC))
		return -LINUX_EINVAL;
	if (length == 0)
		return 0;
	length = page_round_up(length);
	if (!emul_range_allowed(address, length))
		return -LINUX_ENOMEM;
	kern_return_t result =
	    vm_protect(mach_task_self(), address, length, FALSE, (vm_prot_t)protection);
	if (result == KERN_SUCCESS)
		return 0;
	return result == KERN_PROTECTION_FAILURE ? -LINUX_EACCES : -LINUX_ENOMEM;
}
