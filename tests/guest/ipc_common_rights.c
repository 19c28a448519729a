/* Right inspection and small-message helpers of the in-guest IPC programs
 * (see ipc_common.h). */
#include "ipc_common.h"

union ipc_receive_buffer ipc_received;

mach_port_t ipc_new_receive(void)
{
	mach_port_t name = MACH_PORT_NULL;
	kern_return_t result = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &name);
	if (result != KERN_SUCCESS) {
		check(false, "helper: mach_port_allocate(RECEIVE) succeeds (got 0x%x)", result);
		return MACH_PORT_NULL;
	}
	return name;
}

mach_port_type_t ipc_type_of(mach_port_t name)
{
	mach_port_type_t type = MACH_PORT_TYPE_NONE;
	if (mach_port_type(mach_task_self(), name, &type) != KERN_SUCCESS)
		return MACH_PORT_TYPE_NONE;
	return type;
}

long ipc_refs_of(mach_port_t name, mach_port_right_t right)
{
	mach_port_urefs_t refs = 0;
	if (mach_port_get_refs(mach_task_self(), name, right, &refs) != KERN_SUCCESS)
		return -1;
	return (long)refs;
}

static const mach_msg_type_t integer_type = {
    .msgt_name = MACH_MSG_TYPE_INTEGER_32,
    .msgt_size = 32,
    .msgt_number = 1,
    .msgt_inline = TRUE,
};

mach_msg_return_t ipc_send_simple(mach_port_t destination, mach_msg_type_name_t disposition,
                                  mach_port_t reply, mach_msg_type_name_t reply_disposition,
                                  mach_msg_id_t id, uint32_t value, mach_msg_option_t option,
                                  mach_msg_timeout_t timeout)
{
	struct ipc_simple_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS(disposition, reply_disposition),
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = destination,
	    .header.msgh_local_port = reply,
	    .header.msgh_id = id,
	    .value_type = integer_type,
	    .value = value,
	};
	return mach_msg(&message.header, MACH_SEND_MSG | option, sizeof(message), 0, MACH_PORT_NULL,
	                timeout, MACH_PORT_NULL);
}

mach_msg_return_t ipc_send_port(mach_port_t destination, mach_msg_id_t id, mach_port_t port,
                                mach_msg_type_name_t port_disposition)
{
	/* A send right to the destination: made from our receive right, or copied. */
	mach_msg_type_name_t destination_disposition =
	    ipc_type_of(destination) & MACH_PORT_TYPE_RECEIVE ? MACH_MSG_TYPE_MAKE_SEND
	                                                      : MACH_MSG_TYPE_COPY_SEND;
	struct ipc_port_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS(destination_disposition, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = destination,
	    .header.msgh_id = id,
	    .port_type = {.msgt_name = port_disposition,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = TRUE},
	    .port = port,
	};
	return mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	                MACH_PORT_NULL, 1000, MACH_PORT_NULL);
}

mach_msg_return_t ipc_receive(mach_port_t name, mach_msg_option_t option,
                              mach_msg_timeout_t timeout)
{
	return mach_msg(&ipc_received.header, MACH_RCV_MSG | option, 0, sizeof(ipc_received), name,
	                timeout, MACH_PORT_NULL);
}

mach_msg_return_t ipc_receive_and_destroy(mach_port_t name)
{
	return ipc_receive_and_destroy_within(name, 1000);
}

mach_msg_return_t ipc_receive_and_destroy_within(mach_port_t name, mach_msg_timeout_t timeout)
{
	mach_msg_return_t result = ipc_receive(name, MACH_RCV_TIMEOUT, timeout);
	if (result == MACH_MSG_SUCCESS)
		mach_msg_destroy(&ipc_received.header);
	return result;
}
