/* The child task of the IPC programs: sends a send right to its own port to the
 * parent (through the inherited bootstrap port), then consumes and destroys
 * every message on it, answers pings, and ends on request while still holding
 * the receive right (so the parent sees its send right die). */
#include "ipc_common.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mach_port_t self = mach_task_self();
	mach_port_t bootstrap = MACH_PORT_NULL;
	if (task_get_special_port(self, TASK_BOOTSTRAP_PORT, &bootstrap) != KERN_SUCCESS ||
	    !MACH_PORT_VALID(bootstrap)) {
		print("ipc_child: no bootstrap port\n");
		return 2;
	}
	mach_port_t port = MACH_PORT_NULL;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		return 3;
	if (ipc_send_simple(bootstrap, MACH_MSG_TYPE_COPY_SEND, port, MACH_MSG_TYPE_MAKE_SEND,
	                    IPC_CHILD_HELLO, 0, MACH_SEND_TIMEOUT, 5000) != MACH_MSG_SUCCESS)
		return 4;
	(void)mach_port_deallocate(self, bootstrap);

	for (;;) {
		/* Without MACH_RCV_LARGE a message too large is dropped by the kernel. */
		mach_msg_return_t result = ipc_receive(port, 0, MACH_MSG_TIMEOUT_NONE);
		if (result == MACH_RCV_TOO_LARGE)
			continue;
		if (result != MACH_MSG_SUCCESS) {
			print("ipc_child: receive failed 0x%x\n", result);
			return 5;
		}
		mach_msg_id_t id = ipc_received.header.msgh_id;
		mach_port_t reply = ipc_received.header.msgh_remote_port;
		mach_msg_type_name_t reply_type =
		    MACH_MSGH_BITS_REMOTE(ipc_received.header.msgh_bits);
		if (id == IPC_CHILD_PING && MACH_PORT_VALID(reply)) {
			ipc_received.header.msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(&ipc_received.header);
			(void)ipc_send_simple(reply,
			                      reply_type == MACH_MSG_TYPE_PORT_SEND_ONCE
			                          ? MACH_MSG_TYPE_MOVE_SEND_ONCE
			                          : MACH_MSG_TYPE_MOVE_SEND,
			                      MACH_PORT_NULL, 0, id + 100, 0, MACH_SEND_TIMEOUT,
			                      1000);
			continue;
		}
		mach_msg_destroy(&ipc_received.header);
		if (id == IPC_CHILD_EXIT)
			return 0;
	}
}
