/* Conformance: malformed messages are refused with the documented MACH_SEND_*
 * error and leave the name space exactly as it was. */
#include "ipc_conformance.h"

static mach_msg_return_t send_raw(void *message, mach_msg_size_t size)
{
	return mach_msg(message, MACH_SEND_MSG | MACH_SEND_TIMEOUT, size, 0, MACH_PORT_NULL, 0,
	                MACH_PORT_NULL);
}

void conformance_malformed(void)
{
	mach_port_t port = ipc_new_receive();
	mach_port_t carried = ipc_new_receive();
	struct ipc_name_snapshot before, after;
	(void)ipc_snapshot_names(&before);

	struct ipc_port_message message;
	struct ipc_port_message good = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = port,
	    .header.msgh_id = 600,
	    .port_type = {.msgt_name = MACH_MSG_TYPE_MAKE_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = TRUE},
	    .port = carried,
	};

	message = good;
	check(send_raw(&message, 8) == MACH_SEND_MSG_TOO_SMALL,
	      "a send size smaller than a header is MACH_SEND_MSG_TOO_SMALL");
	message = good;
	check(send_raw(&message, sizeof(message) - 2) == MACH_SEND_MSG_TOO_SMALL ||
	          send_raw(&message, sizeof(message) - 2) == MACH_SEND_INVALID_DATA,
	      "a send size that is not a multiple of 4 is refused");
	message = good;
	message.header.msgh_remote_port = 0x7ffff4;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_DEST,
	      "a destination name we do not hold is MACH_SEND_INVALID_DEST");
	message = good;
	message.header.msgh_remote_port = MACH_PORT_NULL;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_DEST,
	      "a null destination is MACH_SEND_INVALID_DEST");
	message = good;
	message.header.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_DEST,
	      "COPY_SEND of a destination we hold only a receive right for is refused");
	message = good;
	message.header.msgh_bits = MACH_MSGH_BITS(99, 0) | MACH_MSGH_BITS_COMPLEX;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_HEADER,
	      "an unknown destination disposition is MACH_SEND_INVALID_HEADER");
	message = good;
	message.header.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_COPY_SEND) |
	    MACH_MSGH_BITS_COMPLEX;
	message.header.msgh_local_port = 0x7ffff5;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_REPLY,
	      "a reply name we do not hold is MACH_SEND_INVALID_REPLY");
	message = good;
	message.port = 0x7ffff6;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_RIGHT,
	      "a body port name we do not hold is MACH_SEND_INVALID_RIGHT");
	message = good;
	message.port_type.msgt_size = 16;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_TYPE,
	      "a port item whose size is not 32 bits is MACH_SEND_INVALID_TYPE");
	message = good;
	message.port_type.msgt_number = 1000;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_MSG_TOO_SMALL,
	      "an item that claims more data than the message holds is MACH_SEND_MSG_TOO_SMALL");
	message = good;
	message.port_type.msgt_longform = TRUE;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_MSG_TOO_SMALL ||
	          send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_TYPE,
	      "a long-form descriptor cut short is refused");
	message = good;
	message.port_type.msgt_unused = 1;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_TYPE,
	      "a type descriptor with the unused bit set is MACH_SEND_INVALID_TYPE");
	message = good;
	message.port_type.msgt_deallocate = TRUE;
	check(send_raw(&message, sizeof(message)) == MACH_SEND_INVALID_TYPE,
	      "an inline item with the deallocate flag is MACH_SEND_INVALID_TYPE");
	check(mach_msg((mach_msg_header_t *)0x10, MACH_SEND_MSG, 32, 0, MACH_PORT_NULL, 0,
	               MACH_PORT_NULL) == MACH_SEND_INVALID_DATA,
	      "a message buffer that is not mapped is MACH_SEND_INVALID_DATA");
	check(mach_msg(&ipc_received.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 16, port, 0,
	               MACH_PORT_NULL) == MACH_RCV_TIMED_OUT ||
	          true,
	      "receiving into a buffer smaller than a header does not crash");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "no refused message reached the queue");
	check(ipc_snapshot_names(&after) == KERN_SUCCESS && ipc_snapshots_equal(&before, &after),
	      "after every refusal the name space is unchanged (no leaked right)");
	check(ipc_type_of(carried) == MACH_PORT_TYPE_RECEIVE,
	      "the carried port's rights are intact after the refusals");
	(void)mach_port_destroy(mach_task_self(), carried);
	(void)mach_port_destroy(mach_task_self(), port);
}
