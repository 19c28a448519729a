/* mach_port.defs, served: each routine of the MIG stubs hands the task's port
 * name space to kernel/ipc, which implements the semantics. */
#include "kserver_types.h"
#include "mach_port_server.h"
#include "ipc/ipc_mach_port.h"

kern_return_t mach_port_names(ipc_space_t task, mach_port_name_array_t *names,
                              mach_msg_type_number_t *namesCnt, mach_port_type_array_t *types,
                              mach_msg_type_number_t *typesCnt)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_names(task->ipc_space, names, namesCnt, types, typesCnt);
}

kern_return_t mach_port_type(ipc_space_t task, mach_port_name_t name, mach_port_type_t *ptype)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_type(task->ipc_space, name, ptype);
}

kern_return_t mach_port_rename(ipc_space_t task, mach_port_name_t old_name,
                               mach_port_name_t new_name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_rename(task->ipc_space, old_name, new_name);
}

kern_return_t mach_port_allocate_name(ipc_space_t task, mach_port_right_t right,
                                      mach_port_name_t name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_allocate_name(task->ipc_space, right, name);
}

kern_return_t mach_port_allocate(ipc_space_t task, mach_port_right_t right, mach_port_name_t *name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_allocate(task->ipc_space, right, name);
}

kern_return_t mach_port_destroy(ipc_space_t task, mach_port_name_t name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_destroy(task->ipc_space, name);
}

kern_return_t mach_port_deallocate(ipc_space_t task, mach_port_name_t name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_deallocate(task->ipc_space, name);
}

kern_return_t mach_port_get_refs(ipc_space_t task, mach_port_name_t name, mach_port_right_t right,
                                 mach_port_urefs_t *refs)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_get_refs(task->ipc_space, name, right, refs);
}

kern_return_t mach_port_mod_refs(ipc_space_t task, mach_port_name_t name, mach_port_right_t right,
                                 mach_port_delta_t delta)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_mod_refs(task->ipc_space, name, right, delta);
}

kern_return_t mach_port_set_qlimit(ipc_space_t task, mach_port_name_t name,
                                   mach_port_msgcount_t qlimit)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_set_qlimit(task->ipc_space, name, qlimit);
}

kern_return_t mach_port_set_mscount(ipc_space_t task, mach_port_name_t name,
                                    mach_port_mscount_t mscount)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_set_mscount(task->ipc_space, name, mscount);
}

kern_return_t mach_port_get_set_status(ipc_space_t task, mach_port_name_t name,
                                       mach_port_name_array_t *members,
                                       mach_msg_type_number_t *membersCnt)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_get_set_status(task->ipc_space, name, members, membersCnt);
}

kern_return_t mach_port_move_member(ipc_space_t task, mach_port_name_t member,
                                    mach_port_name_t after)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_move_member(task->ipc_space, member, after);
}

kern_return_t mach_port_request_notification(ipc_space_t task, mach_port_name_t name,
                                             mach_msg_id_t id, mach_port_mscount_t sync,
                                             ipc_port_t notify, ipc_port_t *previous)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_request_notification(task->ipc_space, name, id, sync, notify,
	                                          previous);
}

kern_return_t mach_port_insert_right(ipc_space_t task, mach_port_name_t name, ipc_port_t poly,
                                     mach_msg_type_name_t polyPoly)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_insert_right(task->ipc_space, name, poly, polyPoly);
}

kern_return_t mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
                                      mach_msg_type_name_t msgt_name, ipc_port_t *poly,
                                      mach_msg_type_name_t *polyPoly)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_extract_right(task->ipc_space, name, msgt_name, poly, polyPoly);
}

kern_return_t mach_port_get_receive_status(ipc_space_t task, mach_port_name_t name,
                                           mach_port_status_t *status)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_get_receive_status(task->ipc_space, name, status);
}

kern_return_t mach_port_set_seqno(ipc_space_t task, mach_port_name_t name, mach_port_seqno_t seqno)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_set_seqno(task->ipc_space, name, seqno);
}

kern_return_t mach_port_set_protected_payload(ipc_space_t task, mach_port_name_t name,
                                              natural_t payload)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_set_protected_payload(task->ipc_space, name, payload);
}

kern_return_t mach_port_clear_protected_payload(ipc_space_t task, mach_port_name_t name)
{
	if (!task || !task->ipc_space)
		return KERN_INVALID_TASK;
	return ipc_mach_port_clear_protected_payload(task->ipc_space, name);
}
