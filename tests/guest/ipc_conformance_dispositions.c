/* Conformance: every port-right disposition, in the message header and in the
 * body, checked by the rights sender and receiver hold before and after. */
#include "ipc_conformance.h"

static mach_port_t new_port_with_send(long send_refs)
{
	mach_port_t port = ipc_new_receive();
	(void)mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND);
	if (send_refs > 1)
		(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND,
		                         (mach_port_delta_t)(send_refs - 1));
	return port;
}

static void header_destination(void)
{
	mach_port_t port = new_port_with_send(2);
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 100, 1, 0, 0) ==
	              MACH_MSG_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 2,
	      "header COPY_SEND: the send references stay (2)");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_local_port == port &&
	          MACH_MSGH_BITS_LOCAL(ipc_received.header.msgh_bits) == MACH_MSG_TYPE_PORT_SEND,
	      "received: msgh_local_port is the port, local bits PORT_SEND");
	check(ipc_received.simple.value == 1 && ipc_received.header.msgh_id == 100 &&
	          ipc_received.header.msgh_size == sizeof(struct ipc_simple_message),
	      "received: id, size and inline data as sent");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MOVE_SEND, MACH_PORT_NULL, 0, 101, 2, 0, 0) ==
	              MACH_MSG_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 1,
	      "header MOVE_SEND: one send reference goes with the message");
	check(ipc_receive_and_destroy(port) == MACH_MSG_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 1,
	      "the moved destination right is consumed on delivery");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 102, 3, 0, 0) ==
	              MACH_MSG_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 1,
	      "header MAKE_SEND from the receive right: our send references unchanged");
	(void)ipc_receive_and_destroy(port);
	mach_port_t once = MACH_PORT_NULL;
	mach_msg_type_name_t once_type;
	(void)mach_port_extract_right(mach_task_self(), port, MACH_MSG_TYPE_MAKE_SEND_ONCE, &once,
	                              &once_type);
	check(ipc_send_simple(once, MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_PORT_NULL, 0, 103, 4, 0,
	                      0) == MACH_MSG_SUCCESS &&
	          ipc_type_of(once) == MACH_PORT_TYPE_NONE,
	      "header MOVE_SEND_ONCE: the send-once right and its name are used up");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          MACH_MSGH_BITS_LOCAL(ipc_received.header.msgh_bits) ==
	              MACH_MSG_TYPE_PORT_SEND_ONCE,
	      "received through a send-once right: local bits PORT_SEND_ONCE");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0, 104, 5, 0,
	                      0) == MACH_MSG_SUCCESS &&
	          ipc_receive_and_destroy(port) == MACH_MSG_SUCCESS,
	      "header MAKE_SEND_ONCE destination is delivered");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MOVE_RECEIVE, MACH_PORT_NULL, 0, 105, 0, 0, 0) ==
	          MACH_SEND_INVALID_HEADER,
	      "header MOVE_RECEIVE destination is refused (MACH_SEND_INVALID_HEADER)");
	check(ipc_type_of(port) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND),
	      "the refused send left our rights untouched");
	(void)mach_port_destroy(mach_task_self(), port);
}

static void header_reply(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = new_port_with_send(1);
	mach_port_t reply = new_port_with_send(2);
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, reply, MACH_MSG_TYPE_MAKE_SEND, 110, 0,
	                      0, 0) == MACH_MSG_SUCCESS &&
	          ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS,
	      "reply MAKE_SEND is delivered");
	check(ipc_received.header.msgh_remote_port == reply &&
	          MACH_MSGH_BITS_REMOTE(ipc_received.header.msgh_bits) == MACH_MSG_TYPE_PORT_SEND,
	      "received: msgh_remote_port is the reply port as PORT_SEND");
	check(ipc_refs_of(reply, MACH_PORT_RIGHT_SEND) == 3,
	      "the made send right joins the receiver's name (3 references)");
	(void)mach_port_deallocate(self, reply);
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, reply, MACH_MSG_TYPE_COPY_SEND, 111, 0,
	                      0, 0) == MACH_MSG_SUCCESS &&
	          ipc_refs_of(reply, MACH_PORT_RIGHT_SEND) == 2,
	      "reply COPY_SEND: the sender keeps its references until delivery");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_refs_of(reply, MACH_PORT_RIGHT_SEND) == 3,
	      "the copied reply right arrives as one more reference");
	(void)mach_port_deallocate(self, reply);
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, reply, MACH_MSG_TYPE_MOVE_SEND, 112, 0,
	                      0, 0) == MACH_MSG_SUCCESS &&
	          ipc_refs_of(reply, MACH_PORT_RIGHT_SEND) == 1,
	      "reply MOVE_SEND: the reference leaves with the message");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_refs_of(reply, MACH_PORT_RIGHT_SEND) == 2,
	      "the moved reply right comes back on delivery");
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, reply, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	                      113, 0, 0, 0) == MACH_MSG_SUCCESS &&
	          ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS,
	      "reply MAKE_SEND_ONCE is delivered");
	mach_port_t once = ipc_received.header.msgh_remote_port;
	check(MACH_MSGH_BITS_REMOTE(ipc_received.header.msgh_bits) ==
	              MACH_MSG_TYPE_PORT_SEND_ONCE &&
	          once != reply && ipc_type_of(once) == MACH_PORT_TYPE_SEND_ONCE,
	      "received: a send-once right under a new name");
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, once, MACH_MSG_TYPE_MOVE_SEND_ONCE,
	                      114, 0, 0, 0) == MACH_MSG_SUCCESS &&
	          ipc_type_of(once) == MACH_PORT_TYPE_NONE,
	      "reply MOVE_SEND_ONCE: the send-once name is used up");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_type_of(ipc_received.header.msgh_remote_port) == MACH_PORT_TYPE_SEND_ONCE,
	      "the moved send-once right arrives as a send-once right");
	mach_msg_destroy(&ipc_received.header);
	(void)ipc_receive_and_destroy(reply); /* the send-once notification */
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, reply, MACH_MSG_TYPE_MOVE_RECEIVE, 115,
	                      0, 0, 0) == MACH_SEND_INVALID_HEADER,
	      "reply MOVE_RECEIVE is refused (MACH_SEND_INVALID_HEADER)");
	(void)mach_port_destroy(self, reply);
	(void)mach_port_destroy(self, port);
}

/* Sends `carried` in the body of a message to `port` with disposition, receives
 * it, and returns the name and type the receiver got. */
static bool body_round_trip(mach_port_t port, mach_port_t carried, mach_msg_type_name_t disposition,
                            mach_port_t *received, mach_msg_type_name_t *received_type,
                            mach_port_type_t *carried_type_in_flight)
{
	if (ipc_send_port(port, 120, carried, disposition) != MACH_MSG_SUCCESS)
		return false;
	*carried_type_in_flight = ipc_type_of(carried);
	if (ipc_receive(port, MACH_RCV_TIMEOUT, 1000) != MACH_MSG_SUCCESS)
		return false;
	*received = ipc_received.port.port;
	*received_type = ipc_received.port.port_type.msgt_name;
	return (ipc_received.header.msgh_bits & MACH_MSGH_BITS_COMPLEX) != 0;
}

static void body_dispositions(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	mach_port_t carried = new_port_with_send(2);
	mach_port_t got;
	mach_msg_type_name_t got_type;
	mach_port_type_t in_flight;

	check(
	    body_round_trip(port, carried, MACH_MSG_TYPE_COPY_SEND, &got, &got_type, &in_flight) &&
	        got == carried && got_type == MACH_MSG_TYPE_PORT_SEND &&
	        ipc_refs_of(carried, MACH_PORT_RIGHT_SEND) == 3,
	    "body COPY_SEND: received PORT_SEND under the same name, 3 references");
	check(
	    body_round_trip(port, carried, MACH_MSG_TYPE_MOVE_SEND, &got, &got_type, &in_flight) &&
	        got_type == MACH_MSG_TYPE_PORT_SEND &&
	        ipc_refs_of(carried, MACH_PORT_RIGHT_SEND) == 3,
	    "body MOVE_SEND: the reference goes and comes back (3)");
	check(
	    body_round_trip(port, carried, MACH_MSG_TYPE_MAKE_SEND, &got, &got_type, &in_flight) &&
	        got_type == MACH_MSG_TYPE_PORT_SEND &&
	        ipc_refs_of(carried, MACH_PORT_RIGHT_SEND) == 4,
	    "body MAKE_SEND: one new send reference (4)");
	check(body_round_trip(port, carried, MACH_MSG_TYPE_MAKE_SEND_ONCE, &got, &got_type,
	                      &in_flight) &&
	          got_type == MACH_MSG_TYPE_PORT_SEND_ONCE && got != carried &&
	          ipc_type_of(got) == MACH_PORT_TYPE_SEND_ONCE,
	      "body MAKE_SEND_ONCE: a send-once right under a new name");
	mach_port_t once = got;
	check(body_round_trip(port, once, MACH_MSG_TYPE_MOVE_SEND_ONCE, &got, &got_type,
	                      &in_flight) &&
	          in_flight == MACH_PORT_TYPE_NONE && got_type == MACH_MSG_TYPE_PORT_SEND_ONCE &&
	          ipc_type_of(got) == MACH_PORT_TYPE_SEND_ONCE,
	      "body MOVE_SEND_ONCE: the name is gone in flight, a send-once right arrives");
	(void)mach_port_deallocate(self, got);
	(void)ipc_receive_and_destroy(carried); /* the send-once notification */

	mach_port_t moved = ipc_new_receive();
	check(
	    body_round_trip(port, moved, MACH_MSG_TYPE_MOVE_RECEIVE, &got, &got_type, &in_flight) &&
	        in_flight == MACH_PORT_TYPE_NONE,
	    "body MOVE_RECEIVE: the receive right leaves our name space in flight");
	check(got_type == MACH_MSG_TYPE_PORT_RECEIVE && ipc_type_of(got) == MACH_PORT_TYPE_RECEIVE,
	      "body MOVE_RECEIVE: a receive right arrives");
	(void)mach_port_destroy(self, got);

	check(ipc_send_port(port, 121, 0x6d6d, MACH_MSG_TYPE_COPY_SEND) == MACH_SEND_INVALID_RIGHT,
	      "body COPY_SEND of a name we do not hold is MACH_SEND_INVALID_RIGHT");
	check(ipc_send_port(port, 123, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND) ==
	              MACH_MSG_SUCCESS &&
	          ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_received.port.port == MACH_PORT_NULL,
	      "body MACH_PORT_NULL travels as MACH_PORT_NULL");
	(void)mach_port_destroy(self, carried);
	(void)mach_port_destroy(self, port);
}

void conformance_dispositions(void)
{
	header_destination();
	header_reply();
	body_dispositions();
}
