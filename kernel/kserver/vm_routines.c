/* mach.defs' virtual-memory routines on the task's address map (vm/vm_map.h):
 * vm_allocate, vm_deallocate, vm_protect, vm_inherit, vm_read, vm_write,
 * vm_copy, vm_region, vm_map (anonymous memory or a memory object),
 * vm_statistics, vm_machine_attribute. */
#include "kserver_types.h"
#include "mach_server.h"
#include "vm_access.h"
#include "device_memory.h"
#include "ipc/ipc_kernel.h"
#include "kern/task.h"
#include "../vm/vm_object.h" /* past the shim of the same name */
#include "vm/physmem.h"
#include "vm/user_copy.h"
#include "vm/vm_lock.h"
#include "../vm/vm_map.h" /* past the shim of the same name */
#include "../vm/vm_map_copy.h"
#include "ipc/ipc_host.h"
#include "vm/vm_page.h"
#include "vm/vm_pager.h"
#include "lib/kstring.h"
#include <mach/vm_attributes.h>
#include <mach/vm_statistics.h>

#define PAGE_BYTES 4096ull

kern_return_t vm_allocate(vm_map_t target_task, vm_address_t *address, vm_size_t size,
                          boolean_t anywhere)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*address = anywhere ? 0 : *address & ~(PAGE_BYTES - 1);
		return KERN_SUCCESS;
	}
	uint64_t where = anywhere ? 0 : *address;
	kern_return_t result =
	    vm_map_enter(target_task->map, &where, size, 0, anywhere != 0, NULL, 0, false,
	                 VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT);
	if (result == KERN_SUCCESS) {
		vm_task_wire_new(target_task, where, size);
		*address = where;
	}
	return result;
}

kern_return_t vm_deallocate(vm_map_t target_task, vm_address_t address, vm_size_t size)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (address + size < address)
		return KERN_INVALID_ARGUMENT;
	return vm_map_remove(target_task->map, address, address + size);
}

kern_return_t vm_protect(vm_map_t target_task, vm_address_t address, vm_size_t size,
                         boolean_t set_maximum, vm_prot_t new_protection)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (address + size < address)
		return KERN_INVALID_ADDRESS;
	return vm_map_protect(target_task->map, address, address + size, new_protection,
	                      set_maximum != 0);
}

kern_return_t vm_inherit(vm_map_t target_task, vm_address_t address, vm_size_t size,
                         vm_inherit_t new_inheritance)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (address + size < address)
		return KERN_INVALID_ADDRESS;
	return vm_map_inherit(target_task->map, address, address + size, new_inheritance);
}

kern_return_t vm_read(vm_map_t target_task, vm_address_t address, vm_size_t size, vm_offset_t *data,
                      mach_msg_type_number_t *dataCnt)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_task_check_access(target_task, address, size, VM_PROT_READ);
	if (result != KERN_SUCCESS)
		return result;
	if (size > VM_TRANSFER_MAX)
		return KERN_RESOURCE_SHORTAGE;
	if (size > 0 && size >= ipc_host_vm_copy_threshold()) {
		/* Like out-of-line message data: a virtual copy the reply carries. */
		struct vm_map_copy *copy;
		result = vm_map_copyin(target_task->map, address, size, false, &copy);
		if (result != KERN_SUCCESS)
			return result;
		*data = (vm_offset_t)ipc_ool_tag_copy((struct ipc_vm_copy *)copy);
		*dataCnt = (mach_msg_type_number_t)size;
		return KERN_SUCCESS;
	}
	void *buffer = ipc_kernel_ool_alloc(size ? size : 1);
	if (!buffer)
		return KERN_RESOURCE_SHORTAGE;
	if (!copy_from_user(&target_task->space, buffer, address, size)) {
		ipc_kernel_ool_free(buffer, size ? size : 1);
		return KERN_INVALID_ADDRESS;
	}
	*data = (vm_offset_t)buffer;
	*dataCnt = (mach_msg_type_number_t)size;
	return KERN_SUCCESS;
}

kern_return_t vm_write(vm_map_t target_task, vm_address_t address, vm_offset_t data,
                       mach_msg_type_number_t dataCnt)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_task_check_access(target_task, address, dataCnt, VM_PROT_WRITE);
	if (result == KERN_SUCCESS &&
	    !copy_to_user(&target_task->space, address, (const void *)data, dataCnt))
		result = KERN_INVALID_ADDRESS;
	/* On success the routine owns the request's out-of-line data. */
	if (result == KERN_SUCCESS && dataCnt)
		ipc_kernel_ool_free((void *)data, dataCnt);
	return result;
}

kern_return_t vm_copy(vm_map_t target_task, vm_address_t source_address, vm_size_t size,
                      vm_address_t dest_address)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	/* Mach's vm_copy works on whole pages: both addresses and the size must
	 * be page-aligned (GNU Mach refuses the same with KERN_INVALID_ARGUMENT). */
	if ((source_address | dest_address | size) & (PAGE_BYTES - 1))
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_task_check_access(target_task, source_address, size, VM_PROT_READ);
	if (result == KERN_SUCCESS)
		result = vm_task_check_access(target_task, dest_address, size, VM_PROT_WRITE);
	if (result != KERN_SUCCESS)
		return result;
	return vm_task_copy(target_task, source_address, dest_address, size);
}

kern_return_t vm_region(vm_map_t target_task, vm_address_t *address, vm_size_t *size,
                        vm_prot_t *protection, vm_prot_t *max_protection, vm_inherit_t *inheritance,
                        boolean_t *is_shared, ipc_port_t *object_name, vm_offset_t *offset)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	struct vm_map_region info;
	kern_return_t result = vm_map_region(target_task->map, *address, &info);
	if (result != KERN_SUCCESS)
		return result;
	*address = info.start;
	*size = info.size;
	*protection = info.protection;
	*max_protection = info.max_protection;
	*inheritance = info.inheritance;
	*is_shared = info.shared;
	*object_name = IP_NULL; /* no name ports: objects are not named to users */
	*offset = info.offset;
	return KERN_SUCCESS;
}

kern_return_t vm_statistics(vm_map_t target_task, vm_statistics_data_t *vm_stats)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	vm_lock_acquire();
	struct vm_page_statistics counts = vm_page_stats;
	vm_lock_release();
	memset(vm_stats, 0, sizeof(*vm_stats));
	vm_stats->pagesize = (integer_t)PAGE_BYTES;
	vm_stats->free_count = (integer_t)physmem_free_count();
	vm_stats->active_count = (integer_t)(counts.resident - counts.wired);
	vm_stats->wire_count = (integer_t)counts.wired;
	vm_stats->zero_fill_count = (integer_t)counts.zero_fills;
	vm_stats->faults = (integer_t)counts.faults;
	vm_stats->cow_faults = (integer_t)counts.cow_faults;
	vm_stats->lookups = (integer_t)counts.lookups;
	vm_stats->hits = (integer_t)counts.hits;
	vm_stats->pageouts = (integer_t)counts.pageouts;
	return KERN_SUCCESS;
}

/* The object of memory object port memory_object for a mapping of size bytes
 * from offset, referenced; KERN_INVALID_ARGUMENT if the range overflows. */
static kern_return_t pager_object(ipc_port_t memory_object, uint64_t offset, uint64_t size,
                                  struct vm_object **object)
{
	uint64_t rounded = (size + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
	if ((offset & (PAGE_BYTES - 1)) || rounded < size || offset + rounded < offset)
		return KERN_INVALID_ARGUMENT;
	vm_lock_acquire();
	kern_return_t result = vm_pager_object(memory_object, offset + rounded, object);
	vm_lock_release();
	return result;
}

kern_return_t vm_map(vm_map_t target_task, vm_address_t *address, vm_size_t size, vm_address_t mask,
                     boolean_t anywhere, ipc_port_t memory_object, vm_offset_t offset,
                     boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
                     vm_inherit_t inheritance)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_INVALID_ARGUMENT;
	if (memory_object == IP_DEAD)
		return KERN_INVALID_ARGUMENT;
	struct vm_object *object = NULL;
	if (IP_VALID(memory_object)) {
		kern_return_t result;
		if (device_memory_vm_map(target_task, address, size, mask, anywhere, memory_object,
		                         offset, copy, cur_protection, max_protection, inheritance,
		                         &result))
			return result; /* physical memory, from device_map of "mem" */
		/* Any other kernel object (a task, a device, a control port) is no
		 * memory object: only a port a task receives on can be a pager. */
		if (ipc_port_is_kobject(memory_object))
			return KERN_INVALID_ARGUMENT;
		/* The same checks vm_map_enter makes, before the pager hears of it. */
		if ((cur_protection & ~VM_PROT_ALL) || (max_protection & ~VM_PROT_ALL) ||
		    (cur_protection & ~max_protection) || (unsigned)inheritance > VM_INHERIT_NONE)
			return KERN_INVALID_ARGUMENT;
		/* The object keeps a right of its own: the stub releases this one. */
		result = pager_object(memory_object, offset, size, &object);
		if (result != KERN_SUCCESS)
			return result;
	}
	/* copy: a private copy-on-write view of the object (anonymous memory is
	 * private either way). Anywhere searches from the address given (GNU
	 * Mach's vm_map does; vm_allocate ignores it). */
	uint64_t where = *address;
	kern_return_t result = vm_map_enter(target_task->map, &where, size, mask, anywhere != 0,
	                                    object, object ? offset : 0, object && copy,
	                                    cur_protection, max_protection, inheritance);
	if (result != KERN_SUCCESS && object) {
		vm_lock_acquire();
		vm_object_release(object); /* its last reference: the pager is told */
		vm_lock_release();
	}
	if (result == KERN_SUCCESS) {
		vm_task_wire_new(target_task, where, size);
		*address = where;
	}
	return result;
}

kern_return_t vm_machine_attribute(vm_map_t target_task, vm_address_t address, vm_size_t size,
                                   vm_machine_attribute_t attribute,
                                   vm_machine_attribute_val_t *value)
{
	if (!target_task || !target_task->map)
		return KERN_INVALID_ARGUMENT;
	if (address + size < address)
		return KERN_INVALID_ADDRESS;
	/* x86 caches are coherent: flushing them is a successful no-op. */
	if (attribute == MATTR_CACHE && *value == MATTR_VAL_CACHE_FLUSH)
		return KERN_SUCCESS;
	return KERN_INVALID_ARGUMENT;
}
