/* The MIG server loop: receive a request, hand it to the demultiplexer, send
 * the reply (with the next receive in the same mach_msg when the reply right is
 * send-once, the common case), and clean up what a failed request leaves. */
#include <mach.h>
#include <stdint.h>

/* Requests and replies live in two buffers of max_size bytes; up to this size
 * they are on the stack, above it they come from vm_allocate. */
#define STACK_BUFFER_LIMIT 4096

enum reply_action { REPLY_SEND, REPLY_NONE };

/* After demux: decides whether a reply goes out, and destroys the request's
 * rights and memory when the routine did not take them (an error return). */
static enum reply_action settle_request(mach_msg_header_t *request, mig_reply_header_t *reply)
{
	kern_return_t result = reply->RetCode;
	if (result == MIG_NO_REPLY)
		return REPLY_NONE; /* the routine keeps the request and its reply right */
	if (result != KERN_SUCCESS) {
		/* The routine failed and took nothing: everything but the reply
		 * right (which carries the error reply) goes back. */
		request->msgh_remote_port = MACH_PORT_NULL;
		mach_msg_destroy(request);
		if (result == MIG_DESTROY_REQUEST)
			return REPLY_NONE;
	}
	if (!MACH_PORT_VALID(reply->Head.msgh_remote_port)) {
		/* A simple routine, or a request without reply port. */
		mach_msg_destroy(&reply->Head);
		return REPLY_NONE;
	}
	return REPLY_SEND;
}

/* A send that failed leaves the reply's rights and memory with us: never copied
 * in, or handed back. A dead reply right is a dead name, released the same way. */
static boolean_t is_send_error(mach_msg_return_t result)
{
	mach_msg_return_t code = result & ~MACH_MSG_MASK;
	return code >= MACH_SEND_IN_PROGRESS && code <= MACH_SEND_INVALID_HEADER;
}

static mach_msg_return_t serve(mach_msg_demux_t demux, mach_msg_size_t max_size,
                               mach_port_t rcv_name, mach_msg_option_t option,
                               mach_msg_timeout_t timeout, boolean_t once,
                               mach_msg_header_t *request, mach_msg_header_t *reply)
{
	mach_msg_option_t receive_option =
	    MACH_RCV_MSG | (option & ~(mach_msg_option_t)MACH_SEND_MSG);
	mach_msg_return_t result =
	    mach_msg(request, receive_option, 0, max_size, rcv_name, timeout, MACH_PORT_NULL);
	for (;;) {
		if (result == MACH_RCV_TOO_LARGE && !(option & MACH_RCV_LARGE)) {
			/* The kernel dropped a request larger than any we serve. */
			result = mach_msg(request, receive_option, 0, max_size, rcv_name, timeout,
			                  MACH_PORT_NULL);
			continue;
		}
		if (result != MACH_MSG_SUCCESS)
			return result;

		(void)demux(request, reply);
		if (settle_request(request, (mig_reply_header_t *)reply) == REPLY_NONE) {
			if (once)
				return MACH_MSG_SUCCESS;
			result = mach_msg(request, receive_option, 0, max_size, rcv_name, timeout,
			                  MACH_PORT_NULL);
			continue;
		}

		boolean_t send_once =
		    MACH_MSGH_BITS_REMOTE(reply->msgh_bits) == MACH_MSG_TYPE_MOVE_SEND_ONCE;
		if (!once && send_once) {
			/* A send-once reply never blocks: reply and wait for the next
			 * request in one call, receiving into the reply's buffer. */
			result = mach_msg(reply, MACH_SEND_MSG | receive_option, reply->msgh_size,
			                  max_size, rcv_name, timeout, MACH_PORT_NULL);
			if (is_send_error(result)) {
				mach_msg_destroy(reply);
				result = mach_msg(request, receive_option, 0, max_size, rcv_name,
				                  timeout, MACH_PORT_NULL);
				continue;
			}
			mach_msg_header_t *swap = request;
			request = reply;
			reply = swap;
			continue;
		}
		/* A reply to a send right could meet a full queue: it must not block
		 * the server, so it goes alone with a zero send timeout. */
		mach_msg_return_t sent =
		    mach_msg(reply, MACH_SEND_MSG | MACH_SEND_TIMEOUT, reply->msgh_size, 0,
		             MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (sent != MACH_MSG_SUCCESS)
			mach_msg_destroy(reply);
		if (once)
			return MACH_MSG_SUCCESS;
		result = mach_msg(request, receive_option, 0, max_size, rcv_name, timeout,
		                  MACH_PORT_NULL);
	}
}

static mach_msg_return_t serve_with_buffers(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                            mach_port_t rcv_name, mach_msg_option_t option,
                                            mach_msg_timeout_t timeout, boolean_t once)
{
	if (max_size < sizeof(mig_reply_header_t))
		max_size = sizeof(mig_reply_header_t);
	max_size = (max_size + 7) & ~(mach_msg_size_t)7;
	if (max_size <= STACK_BUFFER_LIMIT) {
		uint64_t request[STACK_BUFFER_LIMIT / 8];
		uint64_t reply[STACK_BUFFER_LIMIT / 8];
		return serve(demux, max_size, rcv_name, option, timeout, once,
		             (mach_msg_header_t *)request, (mach_msg_header_t *)reply);
	}
	vm_address_t buffers = 0;
	kern_return_t allocated =
	    vm_allocate(mach_task_self(), &buffers, 2 * (vm_size_t)max_size, TRUE);
	if (allocated != KERN_SUCCESS)
		return allocated;
	mach_msg_return_t result =
	    serve(demux, max_size, rcv_name, option, timeout, once, (mach_msg_header_t *)buffers,
	          (mach_msg_header_t *)(buffers + max_size));
	(void)vm_deallocate(mach_task_self(), buffers, 2 * (vm_size_t)max_size);
	return result;
}

mach_msg_return_t mach_msg_server_timeout(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                          mach_port_t rcv_name, mach_msg_option_t option,
                                          mach_msg_timeout_t timeout)
{
	return serve_with_buffers(demux, max_size, rcv_name, option, timeout, FALSE);
}

mach_msg_return_t mach_msg_server_once(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                       mach_port_t rcv_name)
{
	return serve_with_buffers(demux, max_size, rcv_name, 0, MACH_MSG_TIMEOUT_NONE, TRUE);
}

mach_msg_return_t mach_msg_server(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                  mach_port_t rcv_name)
{
	return serve_with_buffers(demux, max_size, rcv_name, 0, MACH_MSG_TIMEOUT_NONE, FALSE);
}
