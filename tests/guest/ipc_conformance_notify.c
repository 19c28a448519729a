/* Conformance: every notification kind (no-senders with the make-send count,
 * dead-name, send-once, port-deleted, port-destroyed), decoded by libmach's
 * notify_server demultiplexer. */
#include "ipc_conformance.h"
#include <mach/notify.h>
#include <mach/notify_server.h>

/* What the do_mach_notify_* routines saw last. */
static struct {
	mach_msg_id_t kind;
	mach_port_t notify_port;
	mach_port_t name;
	mach_port_mscount_t mscount;
} seen;

kern_return_t do_mach_notify_no_senders(mach_port_t notify, mach_port_mscount_t mscount)
{
	seen.kind = MACH_NOTIFY_NO_SENDERS;
	seen.notify_port = notify;
	seen.mscount = mscount;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_dead_name(mach_port_t notify, mach_port_t name)
{
	seen.kind = MACH_NOTIFY_DEAD_NAME;
	seen.notify_port = notify;
	seen.name = name;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_deleted(mach_port_t notify, mach_port_t name)
{
	seen.kind = MACH_NOTIFY_PORT_DELETED;
	seen.notify_port = notify;
	seen.name = name;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_destroyed(mach_port_t notify, mach_port_t rights)
{
	seen.kind = MACH_NOTIFY_PORT_DESTROYED;
	seen.notify_port = notify;
	seen.name = rights;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_send_once(mach_port_t notify)
{
	seen.kind = MACH_NOTIFY_SEND_ONCE;
	seen.notify_port = notify;
	return KERN_SUCCESS;
}

/* Receives one notification on port and runs it through notify_server. */
static bool receive_notification(mach_port_t port)
{
	seen.kind = 0;
	if (ipc_receive(port, MACH_RCV_TIMEOUT, 1000) != MACH_MSG_SUCCESS)
		return false;
	mig_reply_header_t reply;
	boolean_t handled = notify_server(&ipc_received.header, &reply.Head);
	return handled && reply.RetCode == KERN_SUCCESS;
}

static kern_return_t request(mach_port_t name, mach_msg_id_t kind, mach_port_mscount_t sync,
                             mach_port_t notify)
{
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t result = mach_port_request_notification(
	    mach_task_self(), name, kind, sync, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
	return result;
}

static void no_senders(mach_port_t notify)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	check(request(port, MACH_NOTIFY_NO_SENDERS, 0, notify) == KERN_SUCCESS,
	      "no-senders notification requested");
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_nsrequest && status.mps_mscount == 2 && status.mps_srights,
	      "receive status shows the request, make-send count 2 and send rights");
	check(ipc_receive(notify, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "no notification while send rights exist");
	(void)mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, -2);
	check(receive_notification(notify) && seen.kind == MACH_NOTIFY_NO_SENDERS,
	      "dropping the last send right sends a no-senders notification");
	check(seen.mscount == 2 && seen.notify_port == notify,
	      "the no-senders notification carries make-send count 2");
	check(mach_port_set_mscount(self, port, 7) == KERN_SUCCESS &&
	          mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_mscount == 7,
	      "mach_port_set_mscount sets the make-send count");
	check(request(port, MACH_NOTIFY_NO_SENDERS, 7, notify) == KERN_SUCCESS &&
	          receive_notification(notify) && seen.kind == MACH_NOTIFY_NO_SENDERS &&
	          seen.mscount == 7,
	      "a request with sync <= make-send count and no senders fires at once");
	(void)mach_port_destroy(self, port);
}

static void send_once_notification(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	mach_port_t once;
	mach_msg_type_name_t once_type;
	(void)mach_port_extract_right(self, port, MACH_MSG_TYPE_MAKE_SEND_ONCE, &once, &once_type);
	(void)mach_port_deallocate(self, once);
	check(receive_notification(port) && seen.kind == MACH_NOTIFY_SEND_ONCE &&
	          seen.notify_port == port,
	      "a destroyed send-once right sends a send-once notification to its port");
	(void)mach_port_destroy(self, port);
}

/* Parks port's receive right in a message queued on holder: our name then holds
 * only a send right to a port whose receiver is elsewhere. */
static bool park_receive_right(mach_port_t port, mach_port_t holder)
{
	return ipc_send_port(holder, 300, port, MACH_MSG_TYPE_MOVE_RECEIVE) == MACH_MSG_SUCCESS;
}

static void dead_name_and_port_deleted(mach_port_t notify)
{
	mach_port_t self = mach_task_self();
	mach_port_t holder = ipc_new_receive();
	mach_port_t port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	check(park_receive_right(port, holder) && ipc_type_of(port) == MACH_PORT_TYPE_SEND,
	      "with its receive right in flight, the name holds a plain send right");
	check(request(port, MACH_NOTIFY_DEAD_NAME, 0, notify) == KERN_SUCCESS &&
	          (ipc_type_of(port) & MACH_PORT_TYPE_DNREQUEST),
	      "dead-name notification requested (type shows DNREQUEST)");
	/* Destroying holder destroys the queued message and the receive right in it. */
	check(mach_port_destroy(self, holder) == KERN_SUCCESS &&
	          (ipc_type_of(port) & MACH_PORT_TYPE_DEAD_NAME),
	      "when the port dies our send right becomes a dead name");
	check(receive_notification(notify) && seen.kind == MACH_NOTIFY_DEAD_NAME &&
	          seen.name == port,
	      "a dead-name notification names the dead name");
	check(ipc_refs_of(port, MACH_PORT_RIGHT_DEAD_NAME) == 2,
	      "the dead-name notification added a dead-name reference (2)");
	(void)mach_port_mod_refs(self, port, MACH_PORT_RIGHT_DEAD_NAME, -2);
	check(ipc_type_of(port) == MACH_PORT_TYPE_NONE, "releasing the dead name frees it");

	holder = ipc_new_receive();
	port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	(void)park_receive_right(port, holder);
	(void)request(port, MACH_NOTIFY_DEAD_NAME, 0, notify);
	check(mach_port_deallocate(self, port) == KERN_SUCCESS &&
	          ipc_type_of(port) == MACH_PORT_TYPE_NONE,
	      "deallocating a send right with a dead-name request frees the name");
	check(receive_notification(notify) && seen.kind == MACH_NOTIFY_PORT_DELETED &&
	          seen.name == port,
	      "a port-deleted notification names the deleted name");
	(void)mach_port_destroy(self, holder);
}

static void port_destroyed(mach_port_t notify)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	check(request(port, MACH_NOTIFY_PORT_DESTROYED, 0, notify) == KERN_SUCCESS,
	      "port-destroyed notification requested");
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_pdrequest,
	      "receive status shows the port-destroyed request");
	(void)mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
	check(receive_notification(notify) && seen.kind == MACH_NOTIFY_PORT_DESTROYED,
	      "destroying the receive right sends a port-destroyed notification instead");
	check(ipc_type_of(seen.name) == MACH_PORT_TYPE_RECEIVE,
	      "the notification hands the receive right back to us");
	(void)mach_port_destroy(self, seen.name);
	check(request(0x7ffff2, MACH_NOTIFY_PORT_DESTROYED, 0, notify) == KERN_INVALID_NAME,
	      "a request on a name that does not exist is KERN_INVALID_NAME");
	check(request(notify, 1234, 0, notify) == KERN_INVALID_VALUE,
	      "a request of an unknown notification kind is KERN_INVALID_VALUE");
}

void conformance_notifications(void)
{
	mach_port_t notify = ipc_new_receive();
	no_senders(notify);
	send_once_notification();
	dead_name_and_port_deleted(notify);
	port_destroyed(notify);
	(void)mach_port_destroy(mach_task_self(), notify);
}
