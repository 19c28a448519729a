/* mremap (shrink in place, grow in place when the pages after are free, else
 * move with a copy-on-write vm_copy) and madvise (MADV_DONTNEED gives fresh
 * zero pages; other advice is accepted and ignored). */
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "memory.h"
#include "syscalls.h"

static long move_mapping(uint64_t old_address, uint64_t old_length, uint64_t new_length,
                         uint64_t target, int fixed)
{
	uint64_t end;
	vm_prot_t protection;
	vm_inherit_t inheritance;
	if (!emul_region_at(old_address, &end, &protection, &inheritance))
		return -LINUX_EFAULT;
	uint64_t at = fixed ? target : LINUX_MMAP_BASE;
	if (fixed) {
		if (!page_aligned(target) || !emul_range_allowed(target, new_length))
			return -LINUX_EINVAL;
		(void)vm_deallocate(mach_task_self(), target, new_length);
	}
	if (emul_map_anonymous(&at, new_length, !fixed, VM_PROT_READ | VM_PROT_WRITE,
	                       inheritance) != KERN_SUCCESS)
		return -LINUX_ENOMEM;
	uint64_t copied = old_length < new_length ? old_length : new_length;
	if (vm_copy(mach_task_self(), old_address, copied, at) != KERN_SUCCESS) {
		(void)vm_deallocate(mach_task_self(), at, new_length);
		return -LINUX_EFAULT;
	}
	(void)vm_protect(mach_task_self(), at, new_length, FALSE, protection);
	(void)vm_deallocate(mach_task_self(), old_address, old_length);
	return (long)at;
}

long emul_sys_mremap(struct emul_frame *frame)
{
	uint64_t old_address = frame->rdi, old_size = frame->rsi, new_size = frame->rdx,
	         flags = frame->r10, new_address = frame->r8;
	if (!page_aligned(old_address) || new_size == 0 || old_size == 0 ||
	    (flags & ~(uint64_t)(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED)) ||
	    ((flags & LINUX_MREMAP_FIXED) && !(flags & LINUX_MREMAP_MAYMOVE)))
		return -LINUX_EINVAL;
	if (old_size > 0x800000000000ull || new_size > 0x800000000000ull)
		return -LINUX_ENOMEM;
	uint64_t old_length = page_round_up(old_size), new_length = page_round_up(new_size);
	if (!emul_range_allowed(old_address, old_length))
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(old_address, old_length, 0))
		return -LINUX_EFAULT;
	if (flags & LINUX_MREMAP_FIXED)
		return move_mapping(old_address, old_length, new_length, new_address, 1);
	if (new_length <= old_length) {
		if (new_length < old_length)
			(void)vm_deallocate(mach_task_self(), old_address + new_length,
			                    old_length - new_length);
		return (long)old_address;
	}
	uint64_t end;
	vm_prot_t protection;
	vm_inherit_t inheritance;
	if (!emul_region_at(old_address + old_length - LINUX_PAGE_SIZE, &end, &protection,
	                    &inheritance))
		return -LINUX_EFAULT;
	uint64_t tail = old_address + old_length;
	if (emul_range_allowed(tail, new_length - old_length) &&
	    emul_map_anonymous(&tail, new_length - old_length, 0, protection, inheritance) ==
	        KERN_SUCCESS)
		return (long)old_address;
	if (!(flags & LINUX_MREMAP_MAYMOVE))
		return -LINUX_ENOMEM;
	return move_mapping(old_address, old_length, new_length, 0, 0);
}

/* Replaces [address, address + length) by zero pages, region by region, each
 * with the protection and inheritance it had. */
static long discard_pages(uint64_t address, uint64_t length)
{
	uint64_t cursor = address, end = address + length;
	while (cursor < end) {
		uint64_t region_end;
		vm_prot_t protection;
		vm_inherit_t inheritance;
		if (!emul_region_at(cursor, &region_end, &protection, &inheritance))
			return -LINUX_ENOMEM;
		uint64_t piece_end = region_end < end ? region_end : end;
		uint64_t at = cursor;
		if (vm_deallocate(mach_task_self(), cursor, piece_end - cursor) != KERN_SUCCESS ||
		    emul_map_anonymous(&at, piece_end - cursor, 0, protection, inheritance) !=
		        KERN_SUCCESS)
			return -LINUX_ENOMEM;
		cursor = piece_end;
	}
	return 0;
}

long emul_sys_madvise(struct emul_frame *frame)
{
	uint64_t address = frame->rdi, length = frame->rsi, advice = frame->rdx;
	if (!page_aligned(address) || length > 0x800000000000ull)
		return -LINUX_EINVAL;
	if (advice > 25 && advice != 100 && advice != 101) /* MADV_HWPOISON, MADV_SOFT_OFFLINE */
		return -LINUX_EINVAL;
	length = page_round_up(length);
	if (length == 0)
		return 0;
	if (!emul_range_allowed(address, length))
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(address, length, 0))
		return -LINUX_ENOMEM;
	if (advice == LINUX_MADV_DONTNEED)
		return discard_pages(address, length);
	return 0;
}
