/* Conformance across tasks: a child task (ipc_child) receives messages on its
 * port; when it exits holding the receive right our send right becomes a dead
 * name, sends fail with MACH_SEND_INVALID_DEST and a dead-name notification
 * arrives. */
#include "ipc_conformance.h"

void conformance_cross_task(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t child = MACH_PORT_NULL;
	uint64_t task_id = 0;
	kern_return_t started = ipc_child_start(IPC_CONFORMANCE_CHILD_MODULE, &child, &task_id);
	if (!check(started == KERN_SUCCESS && ipc_type_of(child) == MACH_PORT_TYPE_SEND,
	           "a child task sends us a send right to its port (0x%x)", started))
		return;
	check(ipc_send_simple(child, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 700, 1, 0, 0) ==
	          MACH_MSG_SUCCESS,
	      "a message to another task's port is sent");
	mach_port_t carried = ipc_new_receive();
	check(ipc_send_port(child, 701, carried, MACH_MSG_TYPE_MAKE_SEND) == MACH_MSG_SUCCESS,
	      "a send right goes to another task in a message body");
	check(ipc_child_ping(child) == KERN_SUCCESS,
	      "the child answers a ping through a send-once right");

	mach_port_t notify = ipc_new_receive();
	mach_port_t previous = MACH_PORT_NULL;
	check(mach_port_request_notification(self, child, MACH_NOTIFY_DEAD_NAME, 0, notify,
	                                     MACH_MSG_TYPE_MAKE_SEND_ONCE,
	                                     &previous) == KERN_SUCCESS,
	      "dead-name notification requested on the child's port");
	check(ipc_send_simple(child, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, IPC_CHILD_EXIT, 0,
	                      0, 0) == MACH_MSG_SUCCESS,
	      "the child is told to exit, keeping its receive right");
	int status = -1;
	kern_return_t waited = wb_task_wait(task_id, &status);
	check(waited == KERN_SUCCESS && status == 0, "the child task ended with status 0 (%d)",
	      status);
	check(ipc_type_of(child) & MACH_PORT_TYPE_DEAD_NAME,
	      "our send right to the dead task's port is now a dead name");
	check(ipc_send_simple(child, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 702, 0, 0, 0) ==
	          MACH_SEND_INVALID_DEST,
	      "sending to it fails with MACH_SEND_INVALID_DEST");
	check(ipc_receive(notify, MACH_RCV_TIMEOUT, 2000) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_id == MACH_NOTIFY_DEAD_NAME,
	      "a dead-name notification arrives");
	mach_dead_name_notification_t *dead = (mach_dead_name_notification_t *)&ipc_received;
	check(dead->not_port == child, "it names our dead name");
	mach_port_status_t port_status;
	check(mach_port_get_receive_status(self, carried, &port_status) == KERN_SUCCESS &&
	          !port_status.mps_srights,
	      "the send right the child held died with it (no senders left)");
	(void)mach_port_destroy(self, child);
	(void)mach_port_destroy(self, notify);
	(void)mach_port_destroy(self, carried);
}
