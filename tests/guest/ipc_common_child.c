/* Starting an ipc_child task and exchanging ports with it: the child inherits
 * our bootstrap port, set to a port we receive on, and sends its own port there. */
#include "ipc_common.h"

kern_return_t ipc_child_start(unsigned module, mach_port_t *child_port, uint64_t *task_id)
{
	mach_port_t self = mach_task_self();
	mach_port_t rendezvous = ipc_new_receive();
	if (rendezvous == MACH_PORT_NULL)
		return KERN_RESOURCE_SHORTAGE;
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t result = task_get_special_port(self, TASK_BOOTSTRAP_PORT, &previous);
	if (result == KERN_SUCCESS)
		result =
		    mach_port_insert_right(self, rendezvous, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	if (result == KERN_SUCCESS)
		result = task_set_special_port(self, TASK_BOOTSTRAP_PORT, rendezvous);
	if (result == KERN_SUCCESS)
		result = wb_task_spawn(module, task_id);
	/* Our own bootstrap port goes back to what it was. */
	(void)task_set_special_port(self, TASK_BOOTSTRAP_PORT, previous);
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(self, previous);
	if (result == KERN_SUCCESS) {
		result = ipc_receive(rendezvous, MACH_RCV_TIMEOUT, 5000);
		if (result == MACH_MSG_SUCCESS && ipc_received.header.msgh_id == IPC_CHILD_HELLO &&
		    MACH_MSGH_BITS_REMOTE(ipc_received.header.msgh_bits) ==
		        MACH_MSG_TYPE_PORT_SEND) {
			*child_port = ipc_received.header.msgh_remote_port;
		} else {
			if (result == MACH_MSG_SUCCESS)
				mach_msg_destroy(&ipc_received.header);
			result = result == MACH_MSG_SUCCESS ? KERN_FAILURE : result;
		}
	}
	(void)mach_port_destroy(self, rendezvous);
	return result;
}

kern_return_t ipc_child_ping(mach_port_t child_port)
{
	mach_port_t reply = ipc_new_receive();
	if (reply == MACH_PORT_NULL)
		return KERN_RESOURCE_SHORTAGE;
	kern_return_t result = ipc_send_simple(child_port, MACH_MSG_TYPE_COPY_SEND, reply,
	                                       MACH_MSG_TYPE_MAKE_SEND_ONCE, IPC_CHILD_PING, 0,
	                                       MACH_SEND_TIMEOUT, 5000);
	if (result == MACH_MSG_SUCCESS)
		result = ipc_receive(reply, MACH_RCV_TIMEOUT, 5000);
	if (result == MACH_MSG_SUCCESS && ipc_received.header.msgh_id != IPC_CHILD_PING + 100)
		result = KERN_FAILURE;
	(void)mach_port_destroy(mach_task_self(), reply);
	return result;
}
