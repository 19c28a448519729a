/* mach.defs, the first virtual-memory routines: vm_allocate and vm_deallocate
 * on the interim user memory (vm/user_memory.h) until the VM issue brings
 * address maps. */
#include "kserver_types.h"
#include "mach_server.h"
#include "vm/user_memory.h"

kern_return_t vm_allocate(vm_map_t target_task, vm_address_t *address, vm_size_t size,
                          boolean_t anywhere)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	uint64_t where = *address;
	kern_return_t result = user_memory_allocate(target_task, &where, size, anywhere != 0);
	if (result == KERN_SUCCESS)
		*address = where;
	return result;
}

kern_return_t vm_deallocate(vm_map_t target_task, vm_address_t address, vm_size_t size)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	return user_memory_deallocate(target_task, address, size);
}
