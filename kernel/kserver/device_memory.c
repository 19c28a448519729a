/* The "mem" device (device_memory.h): device_map gives a memory object for a
 * range of physical memory outside RAM; vm_map of that object maps the frames
 * themselves, uncached, never copy-on-write. RAM is refused: the kernel owns it. */
#include "device_memory.h"
#include "device_time.h"
#include "kobject.h"
#include "kern/boot_info.h"
#include "kern/task.h"
#include "lib/kstring.h"
#include "../vm/vm_physical.h"

#define PHYSICAL_LIMIT (1ull << 52) /* x86_64's widest physical address */
#define PAGE_BYTES     4096ull

bool device_memory_is_name(const char *name)
{
	return strncmp(name, "mem", sizeof(dev_name_t)) == 0;
}

io_return_t device_memory_open(dev_mode_t mode, device_t *device)
{
	if (!(mode & (D_READ | D_WRITE)))
		return D_INVALID_OPERATION;
	device_t opened = device_create_kind(KOBJECT_DEVICE);
	if (!opened)
		return D_NO_MEMORY;
	opened->memory_device = true;
	opened->protection = ((mode & D_READ) ? VM_PROT_READ | VM_PROT_EXECUTE : 0) |
	                     ((mode & D_WRITE) ? VM_PROT_WRITE : 0);
	*device = opened;
	return D_SUCCESS;
}

/* Whether [start, end) meets RAM (the boot loader's usable ranges). */
static bool overlaps_ram(uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		const struct boot_memory_range *range = &boot_info.memory[i];
		if (start < range->end && range->start < end)
			return true;
	}
	return false;
}

kern_return_t ds_device_map(device_t device, vm_prot_t prot, vm_offset_t offset, vm_size_t size,
                            ipc_port_t *pager, int unmap)
{
	(void)unmap; /* as in Mach: the mapping is undone by vm_deallocate */
	if (!device)
		return D_NO_SUCH_DEVICE;
	if (device->time_device)
		return device_time_map(device, prot, offset, size, pager);
	if (!device->memory_device)
		return D_INVALID_OPERATION;
	if ((prot & ~VM_PROT_ALL) || (prot & ~device->protection))
		return KERN_PROTECTION_FAILURE;
	uint64_t end = offset + size;
	if (size == 0 || (offset & (PAGE_BYTES - 1)) || end < offset || end > PHYSICAL_LIMIT)
		return KERN_INVALID_ARGUMENT;
	end = (end + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
	if (overlaps_ram(offset, end))
		return KERN_INVALID_ADDRESS;
	device_t object = device_create_kind(KOBJECT_PHYSICAL_MEMORY);
	if (!object)
		return KERN_RESOURCE_SHORTAGE;
	object->physical_base = offset;
	object->size = end - offset;
	object->protection = prot;
	*pager = convert_device_to_port(object); /* a send right; the object ends with the last */
	return *pager ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

bool device_memory_vm_map(vm_map_t task, vm_address_t *address, vm_size_t size, vm_address_t mask,
                          boolean_t anywhere, ipc_port_t memory_object, vm_offset_t offset,
                          boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
                          vm_inherit_t inheritance, kern_return_t *result)
{
	device_t object = device_memory_object_lookup(memory_object);
	if (!object)
		return false;
	uint64_t rounded = (size + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
	if (copy || size == 0 || rounded < size || (offset & (PAGE_BYTES - 1)) ||
	    offset > object->size || rounded > object->size - offset ||
	    (unsigned)inheritance > VM_INHERIT_NONE)
		*result = KERN_INVALID_ARGUMENT; /* no copy-on-write of device memory */
	else if ((cur_protection | max_protection) & ~object->protection)
		*result = KERN_PROTECTION_FAILURE;
	else {
		uint64_t where = anywhere ? 0 : *address;
		/* Device memory is shared with whoever inherits or receives it. */
		vm_inherit_t kept = inheritance == VM_INHERIT_COPY ? VM_INHERIT_SHARE : inheritance;
		*result = vm_map_enter_physical(task->map, &where, rounded, mask, anywhere != 0,
		                                object->physical_base + offset, object->cached,
		                                cur_protection,
		                                max_protection, kept);
		if (*result == KERN_SUCCESS)
			*address = where;
	}
	device_deallocate(object);
	return true;
}
