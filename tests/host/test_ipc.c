/* Host unit tests of kernel/ipc: rights and dispositions, dead names, every
 * notification, port sets, queue limits and timeouts, MACH_RCV_LARGE,
 * protected payloads, out-of-line memory, kernel-object RPCs, the fast path
 * (both halves), and malformed messages refused without leaks. */
#include "tap.h"
#include "ipc_host_test.h"
#include "ipc_test_support.h"
#include "ipc/ipc_internal.h"
#include "ipc/ipc_kernel.h"
#include "ipc/ipc_mach_port.h"
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_names_and_rights(void)
{
	struct test_task *task = task_new();
	mach_port_name_t port = new_port(task);
	CHECK(port != MACH_PORT_NULL, "a receive right gets a name");
	CHECK(type_of(task, port) == MACH_PORT_TYPE_RECEIVE, "its type is receive");
	CHECK(send_right(task, port, port, MACH_MSG_TYPE_MAKE_SEND) == MACH_MSG_SUCCESS,
	      "a message carries a send right made from the receive right");
	CHECK(receive(task, port, 256, 0, 0) == MACH_MSG_SUCCESS, "and is received");
	const struct port_message *message = (const void *)received(task);
	CHECK(message->name == port, "the send right lands under the receive right's name");
	CHECK(type_of(task, port) == MACH_PORT_TYPE_SEND_RECEIVE,
	      "the name now holds send and receive");
	CHECK(refs_of(task, port, MACH_PORT_RIGHT_SEND) == 1, "with one user reference");
	CHECK(ipc_mach_port_mod_refs(task->space, port, MACH_PORT_RIGHT_SEND, 2) == KERN_SUCCESS &&
	          refs_of(task, port, MACH_PORT_RIGHT_SEND) == 3,
	      "mod_refs adds user references");
	CHECK(ipc_mach_port_mod_refs(task->space, port, MACH_PORT_RIGHT_SEND, -4) ==
	          KERN_INVALID_VALUE,
	      "taking more references than held is refused");
	CHECK(ipc_mach_port_deallocate(task->space, port) == KERN_SUCCESS &&
	          refs_of(task, port, MACH_PORT_RIGHT_SEND) == 2,
	      "deallocate drops one reference");
	CHECK(ipc_mach_port_mod_refs(task->space, port, MACH_PORT_RIGHT_SEND, -2) == KERN_SUCCESS &&
	          type_of(task, port) == MACH_PORT_TYPE_RECEIVE,
	      "the last reference removes the send right");

	mach_port_name_t set = MACH_PORT_NULL, dead = MACH_PORT_NULL;
	CHECK(ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_PORT_SET, &set) == KERN_SUCCESS &&
	          type_of(task, set) == MACH_PORT_TYPE_PORT_SET,
	      "a port set is allocated");
	CHECK(ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_DEAD_NAME, &dead) ==
	              KERN_SUCCESS &&
	          type_of(task, dead) == MACH_PORT_TYPE_DEAD_NAME,
	      "a dead name is allocated");
	CHECK(ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_SEND, &dead) ==
	          KERN_INVALID_VALUE,
	      "a send right cannot be allocated");
	mach_port_name_t chosen = 0x4242;
	CHECK(ipc_mach_port_allocate_name(task->space, MACH_PORT_RIGHT_RECEIVE, chosen) ==
	              KERN_SUCCESS &&
	          type_of(task, chosen) == MACH_PORT_TYPE_RECEIVE,
	      "allocate_name uses the name asked for");
	CHECK(ipc_mach_port_allocate_name(task->space, MACH_PORT_RIGHT_RECEIVE, chosen) ==
	          KERN_NAME_EXISTS,
	      "a name in use cannot be allocated again");
	CHECK(ipc_mach_port_rename(task->space, chosen, 0x5151) == KERN_SUCCESS &&
	          type_of(task, 0x5151) == MACH_PORT_TYPE_RECEIVE &&
	          type_of(task, chosen) == 0xdead,
	      "rename moves the right to the new name");
	CHECK(send_int(task, 0x5151, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 5) == MACH_MSG_SUCCESS &&
	          receive(task, 0x5151, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(task)->msgh_local_port == 0x5151,
	      "a renamed port receives under its new name");
	mach_port_name_t *names;
	mach_port_type_t *types;
	mach_msg_type_number_t name_count, type_count;
	CHECK(ipc_mach_port_names(task->space, &names, &name_count, &types, &type_count) ==
	              KERN_SUCCESS &&
	          name_count == 4 && type_count == 4,
	      "names lists the four names");
	ipc_kernel_ool_free(names, name_count * sizeof(*names));
	ipc_kernel_ool_free(types, type_count * sizeof(*types));
	CHECK(ipc_mach_port_destroy(task->space, 0x5151) == KERN_SUCCESS &&
	          type_of(task, 0x5151) == 0xdead,
	      "destroy removes a name");
	CHECK(ipc_mach_port_deallocate(task->space, 0x9999) == KERN_INVALID_NAME,
	      "an unknown name is KERN_INVALID_NAME");
	CHECK(ipc_mach_port_deallocate(task->space, port) == KERN_INVALID_RIGHT,
	      "deallocating a receive right is KERN_INVALID_RIGHT");
	task_free(task);
}

static void test_dispositions(void)
{
	struct test_task *a = task_new(), *b = task_new();
	mach_port_name_t a_port = new_port(a), b_port = new_port(b);
	/* Give a a send right to b's port. */
	struct ipc_port *b_kernel;
	ipc_space_lookup_port(b->space, b_port, &b_kernel);
	mach_port_name_t to_b;
	CHECK(ipc_space_insert_port_right(a->space, b_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_b) ==
	              KERN_SUCCESS &&
	          type_of(a, to_b) == MACH_PORT_TYPE_SEND,
	      "the kernel inserts a send right into a space");
	ipc_mach_port_mod_refs(a->space, to_b, MACH_PORT_RIGHT_SEND, 2);

	CHECK(send_right(a, to_b, a_port, MACH_MSG_TYPE_MAKE_SEND) == MACH_MSG_SUCCESS &&
	          receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS,
	      "MAKE_SEND in a body is sent and received");
	const struct port_message *message = (const void *)received(b);
	mach_port_name_t b_to_a = message->name;
	CHECK(message->type.msgt_name == MACH_MSG_TYPE_PORT_SEND && message->type.msgt_size == 32,
	      "the receiver sees a 32-bit PORT_SEND item");
	CHECK(type_of(b, b_to_a) == MACH_PORT_TYPE_SEND, "the receiver holds a send right");
	CHECK(received(b)->msgh_local_port == b_port &&
	          MACH_MSGH_BITS_LOCAL(received(b)->msgh_bits) == MACH_MSG_TYPE_PORT_SEND,
	      "the header names the destination with its right type");

	CHECK(send_right(a, to_b, to_b, MACH_MSG_TYPE_COPY_SEND) == MACH_MSG_SUCCESS &&
	          refs_of(a, to_b, MACH_PORT_RIGHT_SEND) == 3,
	      "COPY_SEND leaves the sender's references alone");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS, "the copied right is received");
	message = (const void *)received(b);
	CHECK(message->name == b_port && type_of(b, b_port) == MACH_PORT_TYPE_SEND_RECEIVE,
	      "a send right to one's own port joins the receive right's name");
	CHECK(send_right(a, to_b, to_b, MACH_MSG_TYPE_MOVE_SEND) == MACH_MSG_SUCCESS &&
	          refs_of(a, to_b, MACH_PORT_RIGHT_SEND) == 2,
	      "MOVE_SEND takes one user reference");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          refs_of(b, b_port, MACH_PORT_RIGHT_SEND) == 2,
	      "the moved right adds a reference to the receiver's name");

	CHECK(send_right(a, to_b, a_port, MACH_MSG_TYPE_MAKE_SEND_ONCE) == MACH_MSG_SUCCESS &&
	          receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS,
	      "MAKE_SEND_ONCE in a body is sent and received");
	message = (const void *)received(b);
	mach_port_name_t once = message->name;
	CHECK(type_of(b, once) == MACH_PORT_TYPE_SEND_ONCE && once != b_to_a,
	      "a send-once right gets a name of its own");
	/* b's send-once right to a's port as a destination is consumed by the send. */
	CHECK(send_int(b, once, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0, 9, 1) == MACH_MSG_SUCCESS &&
	          type_of(b, once) == 0xdead,
	      "MOVE_SEND_ONCE as destination uses the right up");
	CHECK(receive(a, a_port, 256, 0, 0) == MACH_MSG_SUCCESS && received(a)->msgh_id == 9,
	      "the message arrives");
	CHECK(MACH_MSGH_BITS_LOCAL(received(a)->msgh_bits) == MACH_MSG_TYPE_PORT_SEND_ONCE,
	      "and shows a send-once destination");
	/* The earlier message sent with MAKE_SEND to once's port is waiting for a too. */
	receive(a, a_port, 256, 0, 0);

	CHECK(send_right(a, to_b, a_port, MACH_MSG_TYPE_MOVE_RECEIVE) == MACH_MSG_SUCCESS &&
	          type_of(a, a_port) == 0xdead,
	      "MOVE_RECEIVE takes the receive right away from the sender");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS, "the receive right is received");
	message = (const void *)received(b);
	mach_port_name_t moved = message->name;
	CHECK(moved == b_to_a && type_of(b, moved) == MACH_PORT_TYPE_SEND_RECEIVE,
	      "it joins the receiver's send right for the same port");
	CHECK(send_int(b, moved, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 3, 3) == MACH_MSG_SUCCESS &&
	          receive(b, moved, 256, 0, 0) == MACH_MSG_SUCCESS && received(b)->msgh_id == 3,
	      "the new holder receives on the moved port");
	CHECK(send_right(b, moved, moved, MACH_MSG_TYPE_MOVE_RECEIVE) == MACH_SEND_INVALID_RIGHT &&
	          type_of(b, moved) == MACH_PORT_TYPE_SEND_RECEIVE,
	      "a receive right cannot be sent to its own port");
	task_free(a);
	task_free(b);
}

static void test_dead_names_and_notifications(void)
{
	struct test_task *a = task_new(), *b = task_new();
	mach_port_name_t notify = new_port(a), b_port = new_port(b);
	struct ipc_port *b_kernel;
	ipc_space_lookup_port(b->space, b_port, &b_kernel);
	mach_port_name_t to_b;
	ipc_space_insert_port_right(a->space, b_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_b);
	struct ipc_port *previous = NULL;
	CHECK(ipc_mach_port_request_notification(a->space, to_b, MACH_NOTIFY_DEAD_NAME, 0,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS &&
	          previous == NULL,
	      "a dead-name request is registered");
	mach_port_type_t type;
	ipc_mach_port_type(a->space, to_b, &type);
	CHECK(type & MACH_PORT_TYPE_DNREQUEST, "the name shows the request");
	CHECK(ipc_mach_port_destroy(b->space, b_port) == KERN_SUCCESS,
	      "the receiver destroys its port");
	CHECK(type_of(a, to_b) == MACH_PORT_TYPE_DEAD_NAME,
	      "the sender's send right became a dead name");
	CHECK(refs_of(a, to_b, MACH_PORT_RIGHT_DEAD_NAME) == 2,
	      "with the send right's reference and one for the notification");
	CHECK(receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_DEAD_NAME,
	      "a dead-name notification arrives");
	const struct name_notification *notification = (const void *)received(a);
	CHECK(notification->name == to_b, "naming the dead name");
	CHECK(MACH_MSGH_BITS_LOCAL(received(a)->msgh_bits) == MACH_MSG_TYPE_PORT_SEND_ONCE,
	      "sent with the send-once right of the request");
	CHECK(send_int(a, to_b, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1, 1) == MACH_SEND_INVALID_DEST,
	      "sending to a dead name is MACH_SEND_INVALID_DEST");
	CHECK(ipc_mach_port_request_notification(a->space, to_b, MACH_NOTIFY_DEAD_NAME, 1,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS &&
	          receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_DEAD_NAME,
	      "a request on a dead name with sync set is answered at once");
	CHECK(refs_of(a, to_b, MACH_PORT_RIGHT_DEAD_NAME) == 3, "which added a reference too");
	CHECK(ipc_mach_port_deallocate(a->space, to_b) == KERN_SUCCESS &&
	          refs_of(a, to_b, MACH_PORT_RIGHT_DEAD_NAME) == 2,
	      "deallocating the dead name drops one reference");
	CHECK(ipc_mach_port_mod_refs(a->space, to_b, MACH_PORT_RIGHT_DEAD_NAME, -2) ==
	              KERN_SUCCESS &&
	          type_of(a, to_b) == 0xdead,
	      "dropping the last ones frees the name");

	/* No-senders. */
	mach_port_name_t port = new_port(a);
	send_right(a, port, port, MACH_MSG_TYPE_MAKE_SEND);
	receive(a, port, 256, 0, 0);
	send_right(a, port, port, MACH_MSG_TYPE_MAKE_SEND);
	receive(a, port, 256, 0, 0);
	CHECK(refs_of(a, port, MACH_PORT_RIGHT_SEND) == 2, "two send rights were made");
	CHECK(ipc_mach_port_request_notification(a->space, port, MACH_NOTIFY_NO_SENDERS, 0,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS,
	      "a no-senders request is registered");
	mach_port_status_t status;
	ipc_mach_port_get_receive_status(a->space, port, &status);
	CHECK(status.mps_nsrequest && status.mps_srights && status.mps_mscount == 3,
	      "the status shows it, the send rights and the make-send count");
	CHECK(receive(a, notify, 256, 0, 0) == MACH_RCV_TIMED_OUT,
	      "no notification while senders exist");
	ipc_mach_port_mod_refs(a->space, port, MACH_PORT_RIGHT_SEND, -2);
	CHECK(receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_NO_SENDERS,
	      "the last send right gone, no-senders arrives");
	const struct int_message *no_senders = (const void *)received(a);
	CHECK(no_senders->value == 3, "carrying the make-send count (3)");
	CHECK(ipc_mach_port_request_notification(a->space, port, MACH_NOTIFY_NO_SENDERS, 2,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS &&
	          receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_NO_SENDERS,
	      "a request whose make-send count is already reached fires at once");
	CHECK(ipc_mach_port_request_notification(a->space, port, MACH_NOTIFY_NO_SENDERS, 5,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS &&
	          receive(a, notify, 256, 0, 0) == MACH_RCV_TIMED_OUT,
	      "a request for a higher make-send count waits");

	/* Send-once notification: an unused send-once right destroyed. */
	send_right(a, port, port, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	receive(a, port, 256, 0, 0);
	mach_port_name_t once = ((const struct port_message *)received(a))->name;
	CHECK(type_of(a, once) == MACH_PORT_TYPE_SEND_ONCE, "a send-once right is held");
	CHECK(ipc_mach_port_deallocate(a->space, once) == KERN_SUCCESS, "and deallocated unused");
	CHECK(receive(a, port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_SEND_ONCE,
	      "its port gets a send-once notification");

	/* The no-senders request above fired when the send-once test's message
	 * (sent with MAKE_SEND) was received. */
	CHECK(receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_NO_SENDERS,
	      "a pending no-senders request fires whenever the send rights drop to zero");
	CHECK(receive(a, notify, 256, 0, 0) == MACH_RCV_TIMED_OUT, "and only once");

	/* Port-deleted: a dead-name request on a right that is deallocated. */
	mach_port_name_t other = new_port(b);
	struct ipc_port *other_kernel;
	ipc_space_lookup_port(b->space, other, &other_kernel);
	mach_port_name_t to_other;
	ipc_space_insert_port_right(a->space, other_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_other);
	ipc_mach_port_request_notification(a->space, to_other, MACH_NOTIFY_DEAD_NAME, 0,
	                                   kernel_send_once(a, notify), &previous);
	CHECK(ipc_mach_port_deallocate(a->space, to_other) == KERN_SUCCESS,
	      "a watched send right is deallocated");
	CHECK(receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_PORT_DELETED &&
	          ((const struct name_notification *)received(a))->name == to_other,
	      "a port-deleted notification names it (id %d)", received(a)->msgh_id);

	/* Port-destroyed: the receive right comes back instead of dying. */
	CHECK(ipc_mach_port_request_notification(b->space, other, MACH_NOTIFY_PORT_DESTROYED, 0,
	                                         kernel_send_once(a, notify),
	                                         &previous) == KERN_SUCCESS,
	      "a port-destroyed request is registered");
	CHECK(ipc_mach_port_destroy(b->space, other) == KERN_SUCCESS,
	      "the port's holder destroys it");
	CHECK(receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(a)->msgh_id == MACH_NOTIFY_PORT_DESTROYED,
	      "a port-destroyed notification arrives");
	mach_port_name_t rescued = ((const struct port_message *)received(a))->name;
	CHECK(type_of(a, rescued) == MACH_PORT_TYPE_RECEIVE, "carrying the receive right, alive");
	CHECK(send_int(a, rescued, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 11, 0) == MACH_MSG_SUCCESS &&
	          receive(a, rescued, 256, 0, 0) == MACH_MSG_SUCCESS && received(a)->msgh_id == 11,
	      "the rescued port still works");
	task_free(a);
	task_free(b);
}

static void test_port_sets(void)
{
	struct test_task *task = task_new();
	mach_port_name_t set, first = new_port(task), second = new_port(task);
	ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_PORT_SET, &set);
	CHECK(ipc_mach_port_move_member(task->space, first, set) == KERN_SUCCESS &&
	          ipc_mach_port_move_member(task->space, second, set) == KERN_SUCCESS,
	      "two ports join a set");
	mach_port_name_t *members;
	mach_msg_type_number_t count;
	CHECK(ipc_mach_port_get_set_status(task->space, set, &members, &count) == KERN_SUCCESS &&
	          count == 2,
	      "the set lists two members");
	ipc_kernel_ool_free(members, count * sizeof(*members));
	send_int(task, second, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 2, 0);
	send_int(task, first, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0);
	CHECK(receive(task, first, 256, 0, 0) == MACH_RCV_IN_SET,
	      "receiving on a member is MACH_RCV_IN_SET");
	CHECK(receive(task, set, 256, 0, 0) == MACH_MSG_SUCCESS,
	      "receiving on the set gets a message");
	mach_msg_id_t id1 = received(task)->msgh_id;
	mach_port_name_t where1 = received(task)->msgh_local_port;
	CHECK(receive(task, set, 256, 0, 0) == MACH_MSG_SUCCESS, "and the other one");
	mach_msg_id_t id2 = received(task)->msgh_id;
	CHECK(id1 + id2 == 3 && (where1 == (id1 == 1 ? first : second)),
	      "each names the member it came to");
	CHECK(receive(task, set, 256, 0, 0) == MACH_RCV_TIMED_OUT, "then the set is empty");
	CHECK(ipc_mach_port_move_member(task->space, first, MACH_PORT_NULL) == KERN_SUCCESS &&
	          receive(task, first, 256, 0, 0) == MACH_RCV_TIMED_OUT,
	      "a port taken out of the set is received on alone");
	mach_port_status_t status;
	ipc_mach_port_get_receive_status(task->space, second, &status);
	CHECK(status.mps_pset == set, "the status names the set of a member");
	CHECK(ipc_mach_port_destroy(task->space, set) == KERN_SUCCESS &&
	          type_of(task, second) == MACH_PORT_TYPE_RECEIVE &&
	          receive(task, second, 256, 0, 0) == MACH_RCV_TIMED_OUT,
	      "destroying the set frees its members");
	task_free(task);
}

struct thread_call {
	struct test_task *task;
	mach_port_name_t name;
	mach_msg_option_t option;
	mach_msg_timeout_t timeout;
	struct ipc_thread *ipc;
	volatile int started;
	mach_msg_return_t result;
};

static void *blocked_send(void *argument)
{
	struct thread_call *call = argument;
	test_thread_enter(call->ipc);
	struct int_message message = {
	    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = call->name,
	               .msgh_id = 77},
	    .type = int_type,
	};
	call->started = 1;
	/* Its own message area, above the main thread's. */
	memcpy(call->task->memory + 4096, &message, sizeof(message));
	call->result = ipc_mach_msg_trap(call->task->space, call->task->base + 4096,
	                                 MACH_SEND_MSG | call->option, sizeof(message), 0, 0,
	                                 call->timeout, 0);
	return NULL;
}

static void *blocked_receive(void *argument)
{
	struct thread_call *call = argument;
	test_thread_enter(call->ipc);
	call->started = 1;
	call->result =
	    ipc_mach_msg_trap(call->task->space, call->task->base + 8192,
	                      MACH_RCV_MSG | call->option, 0, 256, call->name, call->timeout, 0);
	return NULL;
}

static mach_msg_return_t run_in_thread(void *(*body)(void *), struct thread_call *call,
                                       bool (*while_blocked)(struct thread_call *))
{
	pthread_t thread;
	call->ipc = ipc_thread_create();
	pthread_create(&thread, NULL, body, call);
	while (!call->started)
		usleep(1000);
	usleep(30000);
	if (while_blocked)
		while_blocked(call);
	pthread_join(thread, NULL);
	ipc_thread_destroy(call->ipc);
	return call->result;
}

static bool drain_one(struct thread_call *call)
{
	return receive(call->task, call->name, 256, 0, 0) == MACH_MSG_SUCCESS;
}

static bool interrupt_it(struct thread_call *call)
{
	test_thread_interrupt(call->ipc);
	return true;
}

static bool send_one(struct thread_call *call)
{
	return send_int(call->task, call->name, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 55, 0) ==
	       MACH_MSG_SUCCESS;
}

static bool destroy_doomed(struct thread_call *call)
{
	return ipc_mach_port_destroy(call->task->space, call->name) == KERN_SUCCESS;
}

static bool send_to_member(struct thread_call *call)
{
	mach_port_name_t member = MACH_PORT_NULL;
	mach_port_name_t *members;
	mach_msg_type_number_t count;
	if (ipc_mach_port_get_set_status(call->task->space, call->name, &members, &count) ==
	    KERN_SUCCESS) {
		member = count ? members[0] : MACH_PORT_NULL;
		ipc_kernel_ool_free(members, count * sizeof(*members));
	}
	return send_int(call->task, member, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 66, 0) ==
	       MACH_MSG_SUCCESS;
}

static void test_queue_limits_and_timeouts(void)
{
	struct test_task *task = task_new();
	mach_port_name_t port = new_port(task);
	CHECK(ipc_mach_port_set_qlimit(task->space, port, MACH_PORT_QLIMIT_MAX + 1) ==
	          KERN_INVALID_VALUE,
	      "a queue limit above the maximum is refused");
	CHECK(ipc_mach_port_set_qlimit(task->space, port, 1) == KERN_SUCCESS,
	      "the queue limit is set to 1");
	CHECK(send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0) == MACH_MSG_SUCCESS,
	      "one message fits");
	CHECK(send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 2, 0) == MACH_SEND_TIMED_OUT,
	      "a second one with a zero timeout is MACH_SEND_TIMED_OUT");
	mach_port_status_t status;
	ipc_mach_port_get_receive_status(task->space, port, &status);
	CHECK(status.mps_msgcount == 1 && status.mps_mscount == 1 && status.mps_srights,
	      "the refused send changed nothing (one message holding the one send right made)");
	struct ipc_port *kernel_port;
	ipc_space_lookup_port(task->space, port, &kernel_port);

	struct thread_call call = {
	    .task = task, .name = port, .option = MACH_SEND_TIMEOUT, .timeout = 40};
	CHECK(run_in_thread(blocked_send, &call, NULL) == MACH_SEND_TIMED_OUT,
	      "a sender waiting 40 ms on a full queue times out");
	struct thread_call blocked = {.task = task, .name = port};
	CHECK(run_in_thread(blocked_send, &blocked, drain_one) == MACH_MSG_SUCCESS,
	      "a blocked sender goes on once a message is received");
	CHECK(receive(task, port, 256, 0, 0) == MACH_MSG_SUCCESS && received(task)->msgh_id == 77,
	      "and its message is queued");
	struct thread_call interrupted = {.task = task, .name = port};
	send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0);
	CHECK(run_in_thread(blocked_send, &interrupted, interrupt_it) == MACH_SEND_INTERRUPTED,
	      "an interrupted blocked sender gets MACH_SEND_INTERRUPTED");
	receive(task, port, 256, 0, 0);

	CHECK(receive(task, port, 256, 0, 0) == MACH_RCV_TIMED_OUT,
	      "an empty poll is MACH_RCV_TIMED_OUT");
	CHECK(receive(task, port, 256, 0, 25) == MACH_RCV_TIMED_OUT, "a 25 ms receive times out");
	struct thread_call receiver = {.task = task, .name = port};
	CHECK(run_in_thread(blocked_receive, &receiver, send_one) == MACH_MSG_SUCCESS &&
	          ((mach_msg_header_t *)(task->memory + 8192))->msgh_id == 55,
	      "a waiting receiver is handed a message");
	struct thread_call interrupted_receiver = {.task = task, .name = port};
	CHECK(run_in_thread(blocked_receive, &interrupted_receiver, interrupt_it) ==
	          MACH_RCV_INTERRUPTED,
	      "an interrupted receiver gets MACH_RCV_INTERRUPTED");
	mach_port_name_t doomed = new_port(task);
	struct thread_call died = {.task = task, .name = doomed};
	CHECK(run_in_thread(blocked_receive, &died, destroy_doomed) == MACH_RCV_PORT_DIED,
	      "a receiver whose port is destroyed gets MACH_RCV_PORT_DIED");
	CHECK(receive(task, 0x7777, 256, 0, 0) == MACH_RCV_INVALID_NAME,
	      "a bogus name is MACH_RCV_INVALID_NAME");
	task_free(task);
}

static void test_large_and_payload_and_seqno(void)
{
	struct test_task *task = task_new();
	mach_port_name_t port = new_port(task);
	uint8_t big[96] = {0};
	struct int_message *message = (void *)big;
	*message = (struct int_message){
	    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
	               .msgh_remote_port = port,
	               .msgh_id = 31},
	    .type = {MACH_MSG_TYPE_INTEGER_32, 32, 16, 1, 0, 0, 0},
	};
	CHECK(task_msg(task, big, sizeof(big), MACH_SEND_MSG, 0, 0, 0) == MACH_MSG_SUCCESS,
	      "a 96-byte message is sent");
	CHECK(receive(task, port, 40, MACH_RCV_LARGE, 0) == MACH_RCV_TOO_LARGE,
	      "a 40-byte buffer is too small");
	CHECK(received(task)->msgh_size == 96, "MACH_RCV_LARGE reports the size needed");
	CHECK(receive(task, port, 96, 0, 0) == MACH_MSG_SUCCESS && received(task)->msgh_id == 31,
	      "the message stayed queued and is then received");
	CHECK(received(task)->msgh_seqno == 0, "the first message has sequence number 0");
	task_msg(task, big, sizeof(big), MACH_SEND_MSG, 0, 0, 0);
	CHECK(receive(task, port, 40, 0, 0) == MACH_RCV_TOO_LARGE &&
	          receive(task, port, 96, 0, 0) == MACH_RCV_TIMED_OUT,
	      "without MACH_RCV_LARGE a too-large message is dropped");
	CHECK(ipc_mach_port_set_seqno(task->space, port, 40) == KERN_SUCCESS,
	      "the sequence number is set");
	send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0);
	CHECK(receive(task, port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(task)->msgh_seqno == 40,
	      "the next message carries it");

	CHECK(ipc_mach_port_set_protected_payload(task->space, port, 0x123456789abcull) ==
	          KERN_SUCCESS,
	      "a protected payload is set");
	send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0);
	CHECK(receive(task, port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          MACH_MSGH_BITS_LOCAL(received(task)->msgh_bits) ==
	              MACH_MSG_TYPE_PROTECTED_PAYLOAD &&
	          received(task)->msgh_protected_payload == 0x123456789abcull,
	      "the receiver gets the payload instead of the port name");
	CHECK(ipc_mach_port_clear_protected_payload(task->space, port) == KERN_SUCCESS,
	      "the payload is cleared");
	send_int(task, port, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0);
	CHECK(receive(task, port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(task)->msgh_local_port == port &&
	          MACH_MSGH_BITS_LOCAL(received(task)->msgh_bits) == MACH_MSG_TYPE_PORT_SEND,
	      "then the port name is back");
	task_free(task);
}

static void test_out_of_line(void)
{
	struct test_task *a = task_new(), *b = task_new();
	mach_port_name_t b_port = new_port(b);
	struct ipc_port *b_kernel;
	ipc_space_lookup_port(b->space, b_port, &b_kernel);
	mach_port_name_t to_b;
	ipc_space_insert_port_right(a->space, b_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_b);
	for (int i = 0; i < 10000; i++)
		a->memory[65536 + i] = (uint8_t)(i * 7);
	struct ool_message message = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = to_b,
	               .msgh_id = 21},
	    .type = {{0, 0, 0, 0, 1, 1, 0}, MACH_MSG_TYPE_BYTE, 8, 10000},
	    .address = a->base + 65536,
	};
	CHECK(task_msg(a, &message, sizeof(message), MACH_SEND_MSG, 0, 0, 0) == MACH_MSG_SUCCESS,
	      "10000 bytes out of line with deallocate are sent");
	CHECK(a->deallocated_bytes == 10000, "the sender's range is deallocated");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS, "and received");
	const struct ool_message *got = (const void *)received(b);
	CHECK(got->type.msgtl_number == 10000 && !got->type.msgtl_header.msgt_inline,
	      "the item is still out of line");
	const uint8_t *data = b->memory + (got->address - b->base);
	bool same = got->address >= b->base + TEST_TASK_MEMORY / 2;
	for (int i = 0; same && i < 10000; i++)
		same = data[i] == (uint8_t)(i * 7);
	CHECK(same, "the receiver has a copy in new memory of its own");
	CHECK(b->ool_bytes_held == 10000, "of 10000 bytes");
	CHECK(test_vm_copies_live == 0, "the virtual copy it travelled as is consumed");

	/* A virtual copy in a message nobody receives goes with the message. */
	mach_port_name_t doomed = new_port(b);
	struct ipc_port *doomed_kernel;
	ipc_space_lookup_port(b->space, doomed, &doomed_kernel);
	mach_port_name_t to_doomed;
	ipc_space_insert_port_right(a->space, doomed_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_doomed);
	message.header.msgh_remote_port = to_doomed;
	message.type.msgtl_header.msgt_deallocate = 0;
	CHECK(task_msg(a, &message, sizeof(message), MACH_SEND_MSG, 0, 0, 0) == MACH_MSG_SUCCESS &&
	          test_vm_copies_live == 1,
	      "10000 bytes out of line travel as a virtual copy");
	CHECK(ipc_mach_port_destroy(b->space, doomed) == KERN_SUCCESS && test_vm_copies_live == 0,
	      "destroying the port with the message queued releases the copy");
	message.type.msgtl_number = TEST_VM_COPY_THRESHOLD - 1;
	message.header.msgh_remote_port = to_b;
	CHECK(task_msg(a, &message, sizeof(message), MACH_SEND_MSG, 0, 0, 0) == MACH_MSG_SUCCESS &&
	          test_vm_copies_live == 0,
	      "below the threshold the data is copied into a buffer");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          ((const struct ool_message *)received(b))->type.msgtl_number ==
	              TEST_VM_COPY_THRESHOLD - 1,
	      "and received");
	ipc_mach_port_mod_refs(a->space, to_doomed, MACH_PORT_RIGHT_DEAD_NAME, -1);
	message.type.msgtl_number = 10000;

	message.address = a->base + TEST_TASK_MEMORY - 10;
	CHECK(task_msg(a, &message, sizeof(message), MACH_SEND_MSG, 0, 0, 0) ==
	          MACH_SEND_INVALID_MEMORY,
	      "an unmapped OOL range is MACH_SEND_INVALID_MEMORY");

	/* Out-of-line port rights. */
	mach_port_name_t ports[3] = {new_port(a), new_port(a), new_port(a)};
	memcpy(a->memory + 65536, ports, sizeof(ports));
	struct ool_message port_array = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(port_array),
	               .msgh_remote_port = to_b,
	               .msgh_id = 22},
	    .type = {{0, 0, 0, 0, 1, 0, 0}, MACH_MSG_TYPE_MAKE_SEND, 32, 3},
	    .address = a->base + 65536,
	};
	CHECK(task_msg(a, &port_array, sizeof(port_array), MACH_SEND_MSG, 0, 0, 0) ==
	          MACH_MSG_SUCCESS,
	      "an out-of-line array of three MAKE_SEND rights is sent");
	CHECK(receive(b, b_port, 256, 0, 0) == MACH_MSG_SUCCESS, "and received");
	got = (const void *)received(b);
	mach_port_name_t names[3];
	memcpy(names, b->memory + (got->address - b->base), sizeof(names));
	CHECK(got->type.msgtl_name == MACH_MSG_TYPE_PORT_SEND && got->type.msgtl_size == 32,
	      "the array arrives as 32-bit PORT_SEND names");
	CHECK(type_of(b, names[0]) == MACH_PORT_TYPE_SEND &&
	          type_of(b, names[1]) == MACH_PORT_TYPE_SEND &&
	          type_of(b, names[2]) == MACH_PORT_TYPE_SEND && names[0] != names[1],
	      "each a send right of its own");
	struct ipc_port *a0, *b0;
	ipc_space_lookup_port(a->space, ports[0], &a0);
	ipc_space_lookup_port(b->space, names[0], &b0);
	CHECK(a0 == b0, "for the right ports");
	task_free(a);
	task_free(b);
}

static void test_kernel_objects(void)
{
	struct test_task *task = task_new();
	static int object;
	struct ipc_port *kernel_port = ipc_kobject_port_create(&object, 3);
	CHECK(ipc_port_kobject(kernel_port, 3) == &object &&
	          ipc_port_kobject(kernel_port, 4) == NULL,
	      "a kernel object port gives its object for its kind only");
	mach_port_name_t service, reply = new_port(task);
	ipc_space_insert_port_right(task->space, kernel_port, MACH_MSG_TYPE_MAKE_SEND, &service);
	struct int_message request = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	               .msgh_size = sizeof(request),
	               .msgh_remote_port = service,
	               .msgh_local_port = reply,
	               .msgh_id = TEST_SERVER_ADD_ONE},
	    .type = int_type,
	    .value = 41,
	};
	int calls = test_server_calls;
	CHECK(task_msg(task, &request, sizeof(request), MACH_SEND_MSG | MACH_RCV_MSG, 256, reply,
	               0) == MACH_MSG_SUCCESS,
	      "an RPC to a kernel object succeeds");
	const struct reply_message *answer = (const void *)received(task);
	CHECK(test_server_calls == calls + 1, "the kernel server ran once");
	CHECK(answer->header.msgh_id == TEST_SERVER_ADD_ONE + 100 &&
	          answer->return_code == KERN_SUCCESS && answer->value == 42,
	      "the reply carries the server's answer");
	CHECK(answer->header.msgh_local_port == reply &&
	          answer->header.msgh_remote_port == MACH_PORT_NULL,
	      "and comes to the reply port");
	request.header.msgh_id = 999;
	CHECK(task_msg(task, &request, sizeof(request), MACH_SEND_MSG | MACH_RCV_MSG, 256, reply,
	               0) == MACH_MSG_SUCCESS &&
	          answer->header.msgh_id == 1099 && answer->return_code == MIG_BAD_ID,
	      "an unknown routine is answered MIG_BAD_ID");

	/* A failed routine: the right the request carried is destroyed. */
	mach_port_name_t watched = new_port(task), watcher = new_port(task);
	struct ipc_port *previous;
	ipc_mach_port_request_notification(task->space, watched, MACH_NOTIFY_NO_SENDERS, 1,
	                                   kernel_send_once(task, watcher), &previous);
	struct port_message carrying = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX |
	                   MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	               .msgh_size = sizeof(carrying),
	               .msgh_remote_port = service,
	               .msgh_local_port = reply,
	               .msgh_id = TEST_SERVER_FAIL},
	    .type = {MACH_MSG_TYPE_MAKE_SEND, 32, 1, 1, 0, 0, 0},
	    .name = watched,
	};
	/* The fake server reads an int first; put the right after a value. */
	mach_msg_return_t result = task_msg(task, &carrying, sizeof(carrying),
	                                    MACH_SEND_MSG | MACH_RCV_MSG, 256, reply, 0);
	CHECK(result == MACH_MSG_SUCCESS && answer->return_code == KERN_INVALID_ARGUMENT,
	      "a failing routine's error comes back (%x, %d, id %d)", result, answer->return_code,
	      answer->header.msgh_id);
	CHECK(receive(task, watcher, 256, 0, 0) == MACH_MSG_SUCCESS &&
	          received(task)->msgh_id == MACH_NOTIFY_NO_SENDERS,
	      "and the send right the request carried was destroyed (no-senders)");

	ipc_kobject_port_destroy(kernel_port);
	CHECK(type_of(task, service) == MACH_PORT_TYPE_DEAD_NAME,
	      "a destroyed kernel object port is a dead name");
	request.header.msgh_id = TEST_SERVER_ADD_ONE;
	CHECK(task_msg(task, &request, sizeof(request), MACH_SEND_MSG, 0, 0, 0) ==
	          MACH_SEND_INVALID_DEST,
	      "sending to it is MACH_SEND_INVALID_DEST");
	task_free(task);
}

/* A user server thread for the fast path and kernel RPC tests: receives one
 * request and replies to it (value + 1). */
struct server {
	struct test_task *task;
	mach_port_name_t port;
	struct ipc_thread *ipc;
	int rounds;
	volatile int ready;
};

static void *server_loop(void *argument)
{
	struct server *server = argument;
	test_thread_enter(server->ipc);
	uint64_t buffer = server->task->base + 16384;
	struct int_message *message = (void *)(server->task->memory + 16384);
	server->ready = 1;
	mach_msg_return_t result = ipc_mach_msg_trap(server->task->space, buffer, MACH_RCV_MSG, 0,
	                                             256, server->port, 0, 0);
	for (int i = 0; i < server->rounds && result == MACH_MSG_SUCCESS; i++) {
		mach_port_name_t reply = message->header.msgh_remote_port;
		message->header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		message->header.msgh_remote_port = reply;
		message->header.msgh_local_port = MACH_PORT_NULL;
		message->header.msgh_id += 100;
		message->value += 1;
		mach_msg_option_t option =
		    MACH_SEND_MSG | (i + 1 < server->rounds ? MACH_RCV_MSG : 0);
		result = ipc_mach_msg_trap(server->task->space, buffer, option, sizeof(*message),
		                           256, server->port, 0, 0);
	}
	return NULL;
}

static void test_fast_path(void)
{
	struct test_task *client = task_new(), *server_task = task_new();
	mach_port_name_t service = new_port(server_task), reply = new_port(client);
	struct ipc_port *service_kernel;
	ipc_space_lookup_port(server_task->space, service, &service_kernel);
	mach_port_name_t to_service;
	ipc_space_insert_port_right(client->space, service_kernel, MACH_MSG_TYPE_MAKE_SEND,
	                            &to_service);
	struct server server = {
	    .task = server_task, .port = service, .ipc = ipc_thread_create(), .rounds = 20};
	pthread_t thread;
	pthread_create(&thread, NULL, server_loop, &server);
	struct ipc_statistics before = stats_now();
	size_t hits = before.fast_path_hits;
	int good = 0;
	for (int i = 0; i < server.rounds; i++) {
		usleep(2000); /* let the server wait in receive */
		struct int_message request = {
		    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		                                           MACH_MSG_TYPE_MAKE_SEND_ONCE),
		               .msgh_size = sizeof(request),
		               .msgh_remote_port = to_service,
		               .msgh_local_port = reply,
		               .msgh_id = 500},
		    .type = int_type,
		    .value = i,
		};
		if (task_msg(client, &request, sizeof(request), MACH_SEND_MSG | MACH_RCV_MSG, 256,
		             reply, 0) == MACH_MSG_SUCCESS &&
		    ((const struct int_message *)received(client))->value == i + 1 &&
		    received(client)->msgh_id == 600)
			good++;
	}
	pthread_join(thread, NULL);
	CHECK(good == server.rounds,
	      "20 call/reply round trips between two tasks give the right answers");
	struct ipc_statistics after = stats_now();
	size_t fast = after.fast_path_hits - hits;
	CHECK(fast >= (size_t)server.rounds,
	      "requests and replies took the fast path (%zu hits for %d calls)", fast,
	      server.rounds);
	CHECK(after.fast_path_receives - before.fast_path_receives == fast,
	      "and were received without the general lock (%zu of %zu)",
	      after.fast_path_receives - before.fast_path_receives, fast);
	CHECK(type_of(client, reply) == MACH_PORT_TYPE_RECEIVE,
	      "no send-once right is left over in the client");
	ipc_thread_destroy(server.ipc);

	/* The kernel calls a user server (mach_msg_rpc_from_kernel). */
	server = (struct server){
	    .task = server_task, .port = service, .ipc = ipc_thread_create(), .rounds = 1};
	pthread_create(&thread, NULL, server_loop, &server);
	usleep(10000);
	struct {
		struct ipc_kernel_header header;
		mach_msg_type_t type;
		int32_t value;
		int32_t room[8];
	} kernel_request = {
	    .header = {.bits =
	                   MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	               .size = 40,
	               .remote = service_kernel,
	               .id = 800},
	    .type = int_type,
	    .value = 99,
	};
	mach_msg_return_t result = mach_msg_rpc_from_kernel((mach_msg_header_t *)&kernel_request,
	                                                    40, sizeof(kernel_request));
	pthread_join(thread, NULL);
	CHECK(result == MACH_MSG_SUCCESS && kernel_request.header.id == 900 &&
	          kernel_request.value == 100,
	      "the kernel's RPC to a user server gets the reply");
	ipc_thread_destroy(server.ipc);
	task_free(client);
	task_free(server_task);
}

/* --- the fast path racing the general path on one port --- */

#define RACE_CALLS 3000

struct race {
	struct test_task *server_task, *caller, *meddler;
	mach_port_name_t service, caller_service, meddler_service, meddler_port;
	struct ipc_port *service_kernel;
	struct ipc_thread *server_ipc, *caller_ipc, *meddler_ipc;
	int calls_served, rights_received, seqno_errors, good_replies, rights_sent;
};

/* Serves calls (value + 1) and takes port rights until message 999. */
static void *race_server(void *argument)
{
	struct race *race = argument;
	test_thread_enter(race->server_ipc);
	struct test_task *task = race->server_task;
	uint64_t buffer = task->base + 16384;
	struct int_message *message = (void *)(task->memory + 16384);
	mach_port_seqno_t expected = 0;
	mach_msg_return_t result =
	    ipc_mach_msg_trap(task->space, buffer, MACH_RCV_MSG, 0, 256, race->service, 0, 0);
	while (result == MACH_MSG_SUCCESS && message->header.msgh_id != 999) {
		if (message->header.msgh_seqno != expected++)
			race->seqno_errors++;
		mach_msg_option_t option = MACH_RCV_MSG;
		mach_msg_size_t send_size = 0;
		if (message->header.msgh_id == 500) {
			race->calls_served++;
			mach_port_name_t reply = message->header.msgh_remote_port;
			message->header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
			message->header.msgh_remote_port = reply;
			message->header.msgh_local_port = MACH_PORT_NULL;
			message->header.msgh_id = 600;
			message->value += 1;
			option |= MACH_SEND_MSG;
			send_size = sizeof(*message);
		} else if (message->header.msgh_id == 7) {
			race->rights_received++;
			ipc_mach_port_deallocate(task->space, (mach_port_name_t)message->value);
		}
		result = ipc_mach_msg_trap(task->space, buffer, option, send_size, 256,
		                           race->service, 0, 0);
	}
	return NULL;
}

/* Fast-path calls: COPY_SEND request, MAKE_SEND_ONCE reply right. */
static void *race_caller(void *argument)
{
	struct race *race = argument;
	test_thread_enter(race->caller_ipc);
	mach_port_name_t reply = new_port(race->caller);
	for (int i = 0; i < RACE_CALLS; i++) {
		struct int_message request = {
		    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		                                           MACH_MSG_TYPE_MAKE_SEND_ONCE),
		               .msgh_size = sizeof(request),
		               .msgh_remote_port = race->caller_service,
		               .msgh_local_port = reply,
		               .msgh_id = 500},
		    .type = int_type,
		    .value = i,
		};
		if (task_msg(race->caller, &request, sizeof(request), MACH_SEND_MSG | MACH_RCV_MSG,
		             256, reply, 0) == MACH_MSG_SUCCESS &&
		    ((const struct int_message *)received(race->caller))->value == i + 1 &&
		    received(race->caller)->msgh_id == 600)
			race->good_replies++;
	}
	ipc_mach_port_destroy(race->caller->space, reply);
	return NULL;
}

/* General-path traffic on the same port: complex messages carrying a right,
 * queue limit changes, the send right dropped and made again. */
static void *race_meddler(void *argument)
{
	struct race *race = argument;
	test_thread_enter(race->meddler_ipc);
	for (int i = 0; i < RACE_CALLS; i++) {
		if (send_right(race->meddler, race->meddler_service, race->meddler_port,
		               MACH_MSG_TYPE_MAKE_SEND) == MACH_MSG_SUCCESS)
			race->rights_sent++;
		ipc_mach_port_set_qlimit(race->server_task->space, race->service,
		                         (mach_port_msgcount_t)(1 + i % 5));
		ipc_mach_port_deallocate(race->meddler->space, race->meddler_service);
		ipc_space_insert_port_right(race->meddler->space, race->service_kernel,
		                            MACH_MSG_TYPE_MAKE_SEND, &race->meddler_service);
	}
	return NULL;
}

static void test_fast_path_race(void)
{
	struct ipc_statistics before = stats_now();
	struct race race = {.server_task = task_new(), .caller = task_new(), .meddler = task_new()};
	race.service = new_port(race.server_task);
	race.meddler_port = new_port(race.meddler);
	ipc_space_lookup_port(race.server_task->space, race.service, &race.service_kernel);
	ipc_space_insert_port_right(race.caller->space, race.service_kernel,
	                            MACH_MSG_TYPE_MAKE_SEND, &race.caller_service);
	ipc_space_insert_port_right(race.meddler->space, race.service_kernel,
	                            MACH_MSG_TYPE_MAKE_SEND, &race.meddler_service);
	race.server_ipc = ipc_thread_create();
	race.caller_ipc = ipc_thread_create();
	race.meddler_ipc = ipc_thread_create();
	size_t hits = before.fast_path_hits;
	pthread_t server, caller, meddler;
	pthread_create(&server, NULL, race_server, &race);
	pthread_create(&caller, NULL, race_caller, &race);
	pthread_create(&meddler, NULL, race_meddler, &race);
	pthread_join(caller, NULL);
	pthread_join(meddler, NULL);
	ipc_mach_port_set_qlimit(race.server_task->space, race.service, 5);
	mach_msg_return_t stop = MACH_SEND_TIMED_OUT;
	for (int tries = 0; tries < 1000 && stop == MACH_SEND_TIMED_OUT; tries++)
		stop = send_int(race.caller, race.caller_service, MACH_MSG_TYPE_COPY_SEND, 0, 0,
		                999, 0);
	pthread_join(server, NULL);
	CHECK(stop == MACH_MSG_SUCCESS && race.good_replies == RACE_CALLS &&
	          race.calls_served == RACE_CALLS,
	      "racing general-path traffic: %d calls, %d served, %d good replies", RACE_CALLS,
	      race.calls_served, race.good_replies);
	CHECK(race.rights_received == race.rights_sent && race.seqno_errors == 0,
	      "no message lost or duplicated (%d of %d rights received, %d seqno errors)",
	      race.rights_received, race.rights_sent, race.seqno_errors);
	struct ipc_statistics raced = stats_now();
	CHECK(raced.fast_path_hits - hits >= RACE_CALLS / 2,
	      "the calls took the fast path while the port was meddled with (%zu hits)",
	      raced.fast_path_hits - hits);
	CHECK(raced.fast_path_receives - before.fast_path_receives >= RACE_CALLS / 2,
	      "and most were received without the general lock (%zu)",
	      raced.fast_path_receives - before.fast_path_receives);
	ipc_thread_destroy(race.server_ipc);
	ipc_thread_destroy(race.caller_ipc);
	ipc_thread_destroy(race.meddler_ipc);
	task_free(race.caller);
	task_free(race.meddler);
	task_free(race.server_task);
	struct ipc_statistics after = stats_now();
	CHECK(after.ports == before.ports && after.entries == before.entries &&
	          after.kmsgs == before.kmsgs && after.bytes_held == before.bytes_held,
	      "the race leaves no port, name, message or memory behind");
}

/* --- malformed messages --- */

static void test_malformed(void)
{
	struct test_task *task = task_new();
	mach_port_name_t port = new_port(task), set;
	ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_PORT_SET, &set);
	send_right(task, port, port, MACH_MSG_TYPE_MAKE_SEND);
	receive(task, port, 256, 0, 0);
	struct int_message good = {
	    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_remote_port = port},
	    .type = int_type,
	};
	struct int_message bad = good;
	CHECK(task_msg(task, &bad, 20, MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_MSG_TOO_SMALL,
	      "a message shorter than a header is MACH_SEND_MSG_TOO_SMALL");
	CHECK(task_msg(task, &bad, 38, MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_MSG_TOO_SMALL,
	      "a size that is not a multiple of 4 is MACH_SEND_MSG_TOO_SMALL");
	bad.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_RECEIVE, 0);
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_HEADER,
	      "MOVE_RECEIVE for the destination is MACH_SEND_INVALID_HEADER");
	bad = good;
	bad.header.msgh_bits |= 0x01000000;
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_HEADER,
	      "unknown header bits are MACH_SEND_INVALID_HEADER");
	bad = good;
	bad.header.msgh_remote_port = 0x3333;
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_DEST,
	      "an unknown destination is MACH_SEND_INVALID_DEST");
	bad.header.msgh_remote_port = set;
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_DEST,
	      "a port set as destination is MACH_SEND_INVALID_DEST");
	bad = good;
	bad.header.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MOVE_SEND_ONCE);
	bad.header.msgh_local_port = port;
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) ==
	              MACH_SEND_INVALID_REPLY &&
	          refs_of(task, port, MACH_PORT_RIGHT_SEND) == 1,
	      "a reply right not held is MACH_SEND_INVALID_REPLY, nothing changed");
	bad = good;
	bad.header.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	bad.type.msgt_number = 100;
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_MSG_TOO_SMALL,
	      "an item longer than the message is MACH_SEND_MSG_TOO_SMALL");
	bad.type = (mach_msg_type_t){22, 32, 1, 1, 0, 0, 0};
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_TYPE,
	      "an unknown item type is MACH_SEND_INVALID_TYPE");
	bad.type = (mach_msg_type_t){MACH_MSG_TYPE_COPY_SEND, 64, 1, 1, 0, 0, 0};
	CHECK(task_msg(task, &bad, sizeof(bad), MACH_SEND_MSG, 0, 0, 0) == MACH_SEND_INVALID_TYPE,
	      "a port item that is not 32 bits is MACH_SEND_INVALID_TYPE");

	/* Two rights: the first valid and moved, the second bogus: all undone. */
	ipc_mach_port_mod_refs(task->space, port, MACH_PORT_RIGHT_SEND, 0);
	struct __attribute__((packed, aligned(4))) {
		mach_msg_header_t header;
		mach_msg_type_t type;
		mach_port_name_t names[2];
	} two = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
	               .msgh_remote_port = port},
	    .type = {MACH_MSG_TYPE_MOVE_SEND, 32, 2, 1, 0, 0, 0},
	    .names = {port, 0x6666},
	};
	mach_msg_return_t two_result = task_msg(task, &two, sizeof(two), MACH_SEND_MSG, 0, 0, 0);
	CHECK(two_result == MACH_SEND_INVALID_RIGHT,
	      "a bogus name in the body is MACH_SEND_INVALID_RIGHT (%x)", two_result);
	CHECK(type_of(task, port) == MACH_PORT_TYPE_SEND_RECEIVE &&
	          refs_of(task, port, MACH_PORT_RIGHT_SEND) == 1,
	      "the right moved before the error is back");
	mach_port_status_t status;
	ipc_mach_port_get_receive_status(task->space, port, &status);
	CHECK(status.mps_mscount == 2 && status.mps_msgcount == 0,
	      "the make-send count is back too");
	two.names[1] = port;
	CHECK(task_msg(task, &two, sizeof(two), MACH_SEND_MSG, 0, 0, 0) ==
	              MACH_SEND_INVALID_RIGHT &&
	          refs_of(task, port, MACH_PORT_RIGHT_SEND) == 1,
	      "moving one user reference twice fails and is undone");
	task_free(task);
}

static uint64_t random_state = 88172645463325252ull;
static uint64_t random_next(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

static void test_random_corruption(void)
{
	struct ipc_statistics before = stats_now();
	size_t memory_before = host_memory_in_use;
	struct test_task *task = task_new();
	mach_port_name_t port = new_port(task), other = new_port(task), set;
	ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_PORT_SET, &set);
	send_right(task, port, other, MACH_MSG_TYPE_MAKE_SEND);
	receive(task, port, 256, 0, 0);
	static int object;
	struct ipc_port *kernel_port = ipc_kobject_port_create(&object, 3);
	mach_port_name_t service;
	ipc_space_insert_port_right(task->space, kernel_port, MACH_MSG_TYPE_MAKE_SEND, &service);
	ipc_mach_port_set_qlimit(task->space, port, MACH_PORT_QLIMIT_MAX);
	for (int i = 0; i < 256; i++)
		task->memory[65536 + i] = (uint8_t)i;
	struct {
		mach_msg_header_t header;
		mach_msg_type_t int_type;
		int32_t value;
		mach_msg_type_t ports_type;
		mach_port_name_t names[2];
		mach_msg_type_long_t ool_type;
		uint64_t address;
		mach_msg_type_t receive_type;
		mach_port_name_t receive_name;
	} __attribute__((packed, aligned(4))) template = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX |
	                   MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	               .msgh_size = sizeof(template),
	               .msgh_remote_port = other,
	               .msgh_local_port = port,
	               .msgh_id = TEST_SERVER_ADD_ONE},
	    .int_type = int_type,
	    .value = 1,
	    .ports_type = {MACH_MSG_TYPE_COPY_SEND, 32, 2, 1, 0, 0, 0},
	    .names = {other, other},
	    .ool_type = {{0, 0, 0, 0, 1, 0, 0}, MACH_MSG_TYPE_BYTE, 8, 200},
	    .address = task->base + 65536,
	    .receive_type = {MACH_MSG_TYPE_MAKE_SEND_ONCE, 32, 1, 1, 0, 0, 0},
	    .receive_name = port,
	};
	const mach_port_name_t interesting[] = {0,   ~0u,     port,    other,
	                                        set, service, 0x12345, port + 1};
	int sent = 0, refused = 0, served = 0, timed_out = 0;
	for (int i = 0; i < 20000; i++) {
		uint8_t message[sizeof(template) + 16];
		memcpy(message, &template, sizeof(template));
		mach_msg_header_t *header = (mach_msg_header_t *)message;
		if (i % 2)
			header->msgh_remote_port = service;
		int flips = 1 + (int)(random_next() % 4);
		for (int f = 0; f < flips; f++) {
			uint64_t r = random_next();
			switch (r % 4) {
			case 0:
				message[(r >> 8) % sizeof(template)] ^=
				    (uint8_t)(1u << ((r >> 16) % 8));
				break;
			case 1: {
				size_t slot = ((r >> 8) % (sizeof(template) / 4)) * 4;
				mach_port_name_t name = interesting[(r >> 24) % 8];
				memcpy(message + slot, &name, sizeof(name));
				break;
			}
			case 2:
				message[(r >> 8) % sizeof(template)] = (uint8_t)(r >> 16);
				break;
			default:
				break;
			}
		}
		/* A corrupted message may have taken a receive right away: give the
		 * names back so the template stays meaningful. */
		if (!(type_of(task, port) & MACH_PORT_TYPE_RECEIVE)) {
			ipc_mach_port_destroy(task->space, port);
			ipc_mach_port_allocate_name(task->space, MACH_PORT_RIGHT_RECEIVE, port);
			ipc_mach_port_set_qlimit(task->space, port, MACH_PORT_QLIMIT_MAX);
		}
		if (!(type_of(task, other) & MACH_PORT_TYPE_RECEIVE)) {
			ipc_mach_port_destroy(task->space, other);
			ipc_mach_port_allocate_name(task->space, MACH_PORT_RIGHT_RECEIVE, other);
		}
		if (!(type_of(task, other) & MACH_PORT_TYPE_SEND)) {
			send_right(task, other, other, MACH_MSG_TYPE_MAKE_SEND);
			receive(task, other, 256, 0, 0);
		}
		mach_msg_size_t size = sizeof(template);
		if (random_next() % 8 == 0)
			size = (mach_msg_size_t)(random_next() % (sizeof(message) + 1));
		mach_msg_return_t result =
		    task_msg(task, message, size, MACH_SEND_MSG | MACH_SEND_TIMEOUT, 0, 0, 0);
		if (result == MACH_MSG_SUCCESS)
			sent++;
		else
			refused++;
		if (result == MACH_SEND_TIMED_OUT)
			timed_out++;
		/* Take whatever arrived, on either port. */
		while (receive(task, port, 4096, 0, 0) == MACH_MSG_SUCCESS ||
		       receive(task, other, 4096, 0, 0) == MACH_MSG_SUCCESS)
			served++;
		if (i % 500 == 499) {
			/* Drop every name the messages created. */
			mach_port_name_t *names;
			mach_port_type_t *types;
			mach_msg_type_number_t count, type_count;
			ipc_mach_port_names(task->space, &names, &count, &types, &type_count);
			for (mach_msg_type_number_t n = 0; n < count; n++)
				if (names[n] != port && names[n] != other && names[n] != set &&
				    names[n] != service)
					ipc_mach_port_destroy(task->space, names[n]);
			ipc_kernel_ool_free(names, count * sizeof(*names));
			ipc_kernel_ool_free(types, type_count * sizeof(*types));
		}
	}
	CHECK(sent > 1000 && refused > 1000,
	      "20000 corrupted messages: %d sent, %d refused (%d timed out), %d received", sent,
	      refused, timed_out, served);
	CHECK(type_of(task, port) & MACH_PORT_TYPE_RECEIVE, "the task's ports survive");
	ipc_kobject_port_destroy(kernel_port);
	task_free(task);
	struct ipc_statistics after = stats_now();
	CHECK(after.ports == before.ports, "no port leaked (%zu before, %zu after)", before.ports,
	      after.ports);
	CHECK(after.port_sets == before.port_sets && after.spaces == before.spaces,
	      "no set or space leaked");
	CHECK(after.entries == before.entries, "no name leaked (%zu, %zu)", before.entries,
	      after.entries);
	CHECK(after.kmsgs == before.kmsgs, "no message leaked (%zu, %zu)", before.kmsgs,
	      after.kmsgs);
	CHECK(after.bytes_held == before.bytes_held,
	      "IPC holds the same memory as before (%zu, %zu)", before.bytes_held,
	      after.bytes_held);
	CHECK(host_memory_in_use == memory_before, "and so does the host allocator");
}

static void test_memory_limit(void)
{
	struct test_task *task = task_new();
	size_t limit_before = host_memory_limit;
	host_memory_limit = host_memory_in_use + 4096;
	mach_port_name_t name;
	int made = 0;
	kern_return_t result = KERN_SUCCESS;
	while ((result = ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_RECEIVE, &name)) ==
	       KERN_SUCCESS)
		made++;
	CHECK(result == KERN_RESOURCE_SHORTAGE || result == KERN_NO_SPACE,
	      "allocating without bound hits the memory limit (%d ports)", made);
	host_memory_limit = limit_before;
	task_free(task);
}

static void test_task_death(void)
{
	struct test_task *a = task_new(), *b = task_new();
	mach_port_name_t notify = new_port(a), watched = new_port(a), b_port = new_port(b);
	struct ipc_port *b_kernel, *previous;
	ipc_space_lookup_port(b->space, b_port, &b_kernel);
	mach_port_name_t to_b;
	ipc_space_insert_port_right(a->space, b_kernel, MACH_MSG_TYPE_MAKE_SEND, &to_b);
	ipc_mach_port_request_notification(a->space, to_b, MACH_NOTIFY_DEAD_NAME, 0,
	                                   kernel_send_once(a, notify), &previous);
	/* A message queued on b's port holds the only send right to a's watched port. */
	ipc_mach_port_request_notification(a->space, watched, MACH_NOTIFY_NO_SENDERS, 1,
	                                   kernel_send_once(a, notify), &previous);
	CHECK(send_right(a, to_b, watched, MACH_MSG_TYPE_MAKE_SEND) == MACH_MSG_SUCCESS,
	      "a send right waits in the queue of a task about to die");
	struct ipc_statistics before = stats_now();
	task_free(b);
	struct ipc_statistics after = stats_now();
	CHECK(after.spaces == before.spaces - 1 && after.kmsgs == before.kmsgs - 1 + 2,
	      "the dead task's space and its queued message are gone, two notifications queued");
	CHECK(type_of(a, to_b) == MACH_PORT_TYPE_DEAD_NAME,
	      "the survivor's send right is a dead name");
	bool dead_name = false, no_senders = false;
	for (int i = 0; i < 2 && receive(a, notify, 256, 0, 0) == MACH_MSG_SUCCESS; i++) {
		if (received(a)->msgh_id == MACH_NOTIFY_DEAD_NAME)
			dead_name = ((const struct name_notification *)received(a))->name == to_b;
		if (received(a)->msgh_id == MACH_NOTIFY_NO_SENDERS)
			no_senders = true;
	}
	CHECK(dead_name, "the survivor is told of the dead name");
	CHECK(no_senders, "and that the right held by the destroyed message is gone (no-senders)");
	task_free(a);
}

static void test_set_receiver_waiting(void)
{
	struct test_task *task = task_new();
	mach_port_name_t set, member = new_port(task);
	ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_PORT_SET, &set);
	ipc_mach_port_move_member(task->space, member, set);
	struct thread_call call = {.task = task, .name = set};
	CHECK(run_in_thread(blocked_receive, &call, send_to_member) == MACH_MSG_SUCCESS,
	      "a thread waiting on a set is handed a message sent to a member");
	const mach_msg_header_t *header = (const void *)(task->memory + 8192);
	CHECK(header->msgh_id == 66 && header->msgh_local_port == member, "naming the member");
	task_free(task);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct ipc_thread *main_thread = ipc_thread_create();
	test_thread_enter(main_thread);
	ipc_init();
	struct ipc_statistics start = stats_now();
	test_names_and_rights();
	test_dispositions();
	test_dead_names_and_notifications();
	test_port_sets();
	test_set_receiver_waiting();
	test_task_death();
	test_queue_limits_and_timeouts();
	test_large_and_payload_and_seqno();
	test_out_of_line();
	test_kernel_objects();
	test_fast_path();
	test_fast_path_race();
	test_malformed();
	test_random_corruption();
	test_memory_limit();
	ipc_thread_cleanup(main_thread); /* its kernel reply port */
	struct ipc_statistics end = stats_now();
	CHECK(end.ports == start.ports && end.entries == start.entries &&
	          end.kmsgs == start.kmsgs && end.spaces == start.spaces,
	      "every port, name, message and space is gone (ports %zu/%zu, entries %zu/%zu, kmsgs "
	      "%zu/%zu)",
	      start.ports, end.ports, start.entries, end.entries, start.kmsgs, end.kmsgs);
	CHECK(end.bytes_held == start.bytes_held,
	      "IPC holds the memory it held at the start (%zu/%zu)", start.bytes_held,
	      end.bytes_held);
	ipc_thread_destroy(main_thread);
	return tap_finish();
}
