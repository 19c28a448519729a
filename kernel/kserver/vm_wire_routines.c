/* The privileged VM routines, all through the host-privileged port: vm_wire
 * (mach_host.defs), vm_wire_all and vm_allocate_contiguous (gnumach.defs). */
#include "kserver_types.h"
#include "mach_host_server.h"
#include "gnumach_server.h"
#include "kern/task.h"
#include "../vm/vm_map.h" /* past the shim of the same name */

kern_return_t vm_wire(ipc_port_t host, vm_map_t task, vm_address_t address, vm_size_t size,
                      vm_prot_t access)
{
	if (!convert_port_to_host_priv(host))
		return KERN_INVALID_HOST;
	if (!task || !task->map)
		return KERN_INVALID_TASK;
	if (address + size < address)
		return KERN_INVALID_ARGUMENT;
	return vm_map_wire(task->map, address, address + size, access);
}

kern_return_t vm_wire_all(ipc_port_t host, vm_map_t task, vm_wire_t flags)
{
	if (!convert_port_to_host_priv(host))
		return KERN_INVALID_HOST;
	if (!task || !task->map)
		return KERN_INVALID_TASK;
	return vm_map_wire_all(task->map, flags);
}

kern_return_t vm_allocate_contiguous(host_t host_priv, vm_map_t target_task, vm_address_t *vaddr,
                                     rpc_phys_addr_t *paddr, vm_size_t size, rpc_phys_addr_t pmin,
                                     rpc_phys_addr_t pmax, rpc_phys_addr_t palign)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	if (!target_task || !target_task->map)
		return KERN_INVALID_TASK;
	if (pmax != 0 && pmax <= pmin)
		return KERN_INVALID_ARGUMENT;
	uint64_t address, phys;
	kern_return_t result =
		vm_map_enter_contiguous(target_task->map, size, pmin, pmax, palign, &address, &phys);
	if (result == KERN_SUCCESS) {
		*vaddr = address;
		*paddr = phys;
	}
	return result;
}
