/* Conformance: queue limits and send timeouts, receive timeouts and polling,
 * MACH_RCV_LARGE / MACH_RCV_TOO_LARGE, sequence numbers, protected payloads. */
#include "ipc_conformance.h"

static void queue_limits(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_qlimit == MACH_PORT_QLIMIT_DEFAULT && status.mps_msgcount == 0,
	      "a new port has the default queue limit (5) and an empty queue");
	check(mach_port_set_qlimit(self, port, MACH_PORT_QLIMIT_MAX + 1) == KERN_INVALID_VALUE,
	      "a queue limit above MACH_PORT_QLIMIT_MAX is refused");
	check(mach_port_set_qlimit(self, port, 1) == KERN_SUCCESS, "queue limit set to 1");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 500, 0, 0, 0) ==
	          MACH_MSG_SUCCESS,
	      "the first message fills the queue");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 501, 0,
	                      MACH_SEND_TIMEOUT, 0) == MACH_SEND_TIMED_OUT,
	      "a send right to a full queue with timeout 0 gets MACH_SEND_TIMED_OUT");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 502, 0,
	                      MACH_SEND_TIMEOUT, 30) == MACH_SEND_TIMED_OUT,
	      "with a 30 ms timeout it times out too");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0, 503, 0,
	                      MACH_SEND_TIMEOUT, 0) == MACH_MSG_SUCCESS,
	      "a send-once right still gets through a full queue");
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_msgcount == 2 && status.mps_qlimit == 1,
	      "the queue holds 2 messages over a limit of 1");
	check(ipc_receive_and_destroy(port) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_id == 500 &&
	          ipc_receive_and_destroy(port) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_id == 503,
	      "the queued messages come out in order");
	check(ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 504, 0,
	                      MACH_SEND_TIMEOUT, 0) == MACH_MSG_SUCCESS,
	      "once drained, the queue accepts a send right's message again");
	(void)ipc_receive_and_destroy(port);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "receive with timeout 0 on an empty queue polls: MACH_RCV_TIMED_OUT");
	uint64_t start = read_tsc();
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 20) == MACH_RCV_TIMED_OUT && read_tsc() > start,
	      "receive with a 20 ms timeout times out");
	check(ipc_receive(0x7ffff3, MACH_RCV_TIMEOUT, 0) == MACH_RCV_INVALID_NAME,
	      "receive on a name that does not exist is MACH_RCV_INVALID_NAME");
	(void)mach_port_destroy(self, port);
}

static void large_messages(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	struct {
		mach_msg_header_t header;
		mach_msg_type_t type;
		uint8_t bytes[256];
	} big = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
	    .header.msgh_size = sizeof(big),
	    .header.msgh_remote_port = port,
	    .header.msgh_id = 510,
	    .type = {.msgt_name = MACH_MSG_TYPE_BYTE,
	             .msgt_size = 8,
	             .msgt_number = 256,
	             .msgt_inline = TRUE},
	};
	big.bytes[255] = 0x5a;
	check(mach_msg(&big.header, MACH_SEND_MSG, sizeof(big), 0, MACH_PORT_NULL, 0,
	               MACH_PORT_NULL) == MACH_MSG_SUCCESS,
	      "a 292-byte message is sent");
	mach_msg_header_t *small = &ipc_received.header;
	check(mach_msg(small, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0, 64, port, 0,
	               MACH_PORT_NULL) == MACH_RCV_TOO_LARGE,
	      "MACH_RCV_LARGE with a 64-byte buffer: MACH_RCV_TOO_LARGE");
	check(small->msgh_size == sizeof(big), "the header reports the size needed (%u)",
	      small->msgh_size);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          ipc_received.bytes[__builtin_offsetof(__typeof__(big), bytes) + 255] == 0x5a,
	      "with MACH_RCV_LARGE the message stayed queued and is received whole later");
	(void)mach_msg(&big.header, MACH_SEND_MSG, sizeof(big), 0, MACH_PORT_NULL, 0,
	               MACH_PORT_NULL);
	check(mach_msg(small, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port, 0, MACH_PORT_NULL) ==
	          MACH_RCV_TOO_LARGE,
	      "without MACH_RCV_LARGE a too-small buffer is MACH_RCV_TOO_LARGE");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "without MACH_RCV_LARGE the message was dropped");
	(void)mach_port_destroy(self, port);
}

static void sequence_numbers(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	(void)ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 520, 0, 0, 0);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_seqno == 0,
	      "the first message of a port has sequence number 0");
	check(mach_port_set_seqno(self, port, 40) == KERN_SUCCESS, "mach_port_set_seqno to 40");
	(void)ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 521, 0, 0, 0);
	(void)ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 522, 0, 0, 0);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_seqno == 40,
	      "the next message has sequence number 40");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_seqno == 41,
	      "and the one after it 41");
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_seqno == 42,
	      "the receive status shows the next sequence number (42)");
	(void)mach_port_destroy(self, port);
}

static void protected_payloads(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	check(mach_port_set_protected_payload(self, port, 0xcafe1234) == KERN_SUCCESS,
	      "mach_port_set_protected_payload");
	(void)ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 530, 0, 0, 0);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          MACH_MSGH_BITS_LOCAL(ipc_received.header.msgh_bits) ==
	              MACH_MSG_TYPE_PROTECTED_PAYLOAD,
	      "a message to a port with a payload has local bits PROTECTED_PAYLOAD");
	check(ipc_received.header.msgh_protected_payload == 0xcafe1234,
	      "the header carries the payload instead of the port name");
	check(mach_port_clear_protected_payload(self, port) == KERN_SUCCESS,
	      "mach_port_clear_protected_payload");
	(void)ipc_send_simple(port, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 531, 0, 0, 0);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS &&
	          MACH_MSGH_BITS_LOCAL(ipc_received.header.msgh_bits) == MACH_MSG_TYPE_PORT_SEND &&
	          ipc_received.header.msgh_local_port == port,
	      "after clearing, the header names the port again");
	(void)mach_port_destroy(self, port);
}

void conformance_queues(void)
{
	queue_limits();
	large_messages();
	sequence_numbers();
	protected_payloads();
}
