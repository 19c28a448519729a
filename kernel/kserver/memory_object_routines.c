/* mach.defs' calls of external pagers on a memory object's control port
 * (memory_object_data_supply, _data_unavailable, _data_error, _lock_request,
 * _ready, _change_attributes, _get_attributes, _destroy), handed to
 * vm/vm_pager.h. A control port that is not (or no longer) an object's is
 * KERN_INVALID_ARGUMENT, and the request is destroyed with what it carried;
 * otherwise the routine owns the data and reply right it was given. */
#include "kserver_types.h"
#include "mach_server.h"
#include "kobject.h"
#include "ipc/ipc_kernel.h"
#include "vm/vm_pager.h"

vm_object_t vm_object_lookup(ipc_port_t port)
{
	if (!IP_VALID(port))
		return NULL;
	return vm_pager_object_of_control(port);
}

vm_object_t vm_object_lookup_name(ipc_port_t port)
{
	(void)port;
	return NULL;
}

void vm_object_deallocate(vm_object_t object)
{
	vm_pager_object_release(object);
}

kern_return_t memory_object_data_supply(vm_object_t memory_control, vm_offset_t offset,
                                        vm_offset_t data, mach_msg_type_number_t dataCnt,
                                        vm_prot_t lock_value, boolean_t precious,
                                        ipc_port_t reply_to, mach_msg_type_name_t reply_toPoly)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	(void)vm_pager_supply(memory_control, offset, (const void *)data, dataCnt, lock_value,
	                      precious != 0, reply_to, reply_toPoly);
	if (dataCnt)
		ipc_kernel_ool_free((void *)data, dataCnt);
	vm_pager_object_release(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_unavailable(vm_object_t memory_control, vm_offset_t offset,
                                             vm_size_t size)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_pager_unavailable(memory_control, offset, size);
	vm_pager_object_release(memory_control);
	return result;
}

kern_return_t memory_object_data_error(vm_object_t memory_control, vm_offset_t offset,
                                       vm_size_t size, kern_return_t error_value)
{
	(void)error_value; /* every failed page is EXC_BAD_ACCESS to whoever touches it */
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_pager_error(memory_control, offset, size);
	vm_pager_object_release(memory_control);
	return result;
}

kern_return_t memory_object_lock_request(vm_object_t memory_control, vm_offset_t offset,
                                         vm_size_t size, memory_object_return_t should_return,
                                         boolean_t should_flush, vm_prot_t lock_value,
                                         ipc_port_t reply_to, mach_msg_type_name_t reply_toPoly)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	/* should_flush is a boolean: anything but 0 or 1 is nonsense, refused. */
	bool flush_valid = should_flush == FALSE || should_flush == TRUE;
	(void)vm_pager_lock_request(memory_control, offset, size, flush_valid ? should_return : -1,
	                            should_flush == TRUE, lock_value, reply_to, reply_toPoly);
	vm_pager_object_release(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_ready(vm_object_t memory_control, boolean_t may_cache,
                                  memory_object_copy_strategy_t copy_strategy)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result =
	    vm_pager_set_attributes(memory_control, may_cache != 0, copy_strategy, IP_NULL, 0);
	vm_pager_object_release(memory_control);
	return result;
}

kern_return_t memory_object_change_attributes(vm_object_t memory_control, boolean_t may_cache,
                                              memory_object_copy_strategy_t copy_strategy,
                                              ipc_port_t reply_to,
                                              mach_msg_type_name_t reply_toPoly)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	(void)vm_pager_set_attributes(memory_control, may_cache != 0, copy_strategy, reply_to,
	                              reply_toPoly);
	vm_pager_object_release(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_get_attributes(vm_object_t memory_control, boolean_t *object_ready,
                                           boolean_t *may_cache,
                                           memory_object_copy_strategy_t *copy_strategy)
{
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	bool ready = false, cache = false;
	int strategy = 0;
	vm_pager_get_attributes(memory_control, &ready, &cache, &strategy);
	*object_ready = ready;
	*may_cache = cache;
	*copy_strategy = strategy;
	vm_pager_object_release(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_destroy(vm_object_t memory_control, kern_return_t reason)
{
	(void)reason;
	if (!memory_control)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = vm_pager_destroy(memory_control);
	vm_pager_object_release(memory_control);
	return result;
}
