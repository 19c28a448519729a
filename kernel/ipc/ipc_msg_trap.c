/* The mach_msg trap: send, receive, or both, between user format in the
 * task's memory and kernel format in flight; requests to kernel object ports
 * are served in the sender's thread; a small simple message to a waiting
 * receiver tries the fast path (ipc_fast_path.c) first. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

/* Small messages are copied from the task onto the stack, larger ones into an
 * allocated buffer. */
#define SMALL_MESSAGE_MAX (sizeof(mach_msg_header_t) + IPC_FAST_PATH_BODY_MAX)

/* A request (COPY_SEND or MOVE_SEND to the server, MAKE_SEND_ONCE for the
 * reply) or a reply (MOVE_SEND_ONCE, no reply right), small and simple. */
static bool fast_path_candidate(const mach_msg_header_t *header, mach_msg_option_t option,
                                mach_msg_size_t send_size)
{
	mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(header->msgh_bits);
	mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(header->msgh_bits);
	bool request = (remote == MACH_MSG_TYPE_COPY_SEND || remote == MACH_MSG_TYPE_MOVE_SEND) &&
	               local == MACH_MSG_TYPE_MAKE_SEND_ONCE;
	bool reply = remote == MACH_MSG_TYPE_MOVE_SEND_ONCE && local == 0;
	return (option & (MACH_SEND_MSG | MACH_RCV_MSG)) == (MACH_SEND_MSG | MACH_RCV_MSG) &&
	       send_size <= SMALL_MESSAGE_MAX && !(header->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	       (request || reply);
}

static mach_msg_return_t send_general(struct ipc_space *space, const uint8_t *message,
                                      mach_msg_size_t send_size, mach_msg_option_t option,
                                      mach_msg_timeout_t timeout)
{
	struct ipc_copyin copyin;
	mach_msg_return_t result = ipc_copyin_prepare(&copyin, space, message, send_size, NULL, 0);
	if (result != MACH_MSG_SUCCESS)
		return result;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	mach_msg_header_t header;
	memcpy(&header, message, sizeof(header));
	for (;;) {
		struct ipc_port *destination;
		result = ipc_copyin_peek_destination(&copyin, &destination);
		if (result != MACH_MSG_SUCCESS)
			break;
		mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(header.msgh_bits);
		if (remote == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
		    remote == MACH_MSG_TYPE_MAKE_SEND_ONCE || destination->kobject_kind != 0)
			break; /* send-once messages and kernel requests never wait */
		result = ipc_mqueue_wait_for_room(destination, option, timeout);
		if (result != MACH_SEND_IN_PROGRESS)
			break;
	}
	if (result == MACH_MSG_SUCCESS)
		result = ipc_copyin_rights(&copyin, &deferred);
	if (result != MACH_MSG_SUCCESS) {
		ipc_unlock_and_flush(state, &deferred);
		ipc_copyin_abandon(&copyin);
		return result;
	}
	struct ipc_kmsg *kmsg = copyin.kmsg;
	struct ipc_port *destination = kmsg->header.remote;
	bool kernel_request = destination->kobject_kind != 0 && destination->active;
	if (!kernel_request)
		ipc_mqueue_deliver(destination, kmsg, &deferred);
	ipc_unlock_and_flush(state, &deferred);
	ipc_copyin_finish(&copyin);
	if (kernel_request)
		ipc_kobject_serve(kmsg);
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t receive(struct ipc_space *space, uint64_t user_message,
                                 mach_msg_option_t option, mach_msg_size_t receive_size,
                                 mach_port_name_t receive_name, mach_msg_timeout_t timeout,
                                 bool fast_path_ready)
{
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	struct ipc_kmsg *kmsg = NULL;
	mach_msg_size_t needed = 0;
	struct ipc_thread *self = ipc_host_current_thread();
	irq_state_t state = ipc_lock_acquire();
	self->fast_path_ready = fast_path_ready && receive_size >= sizeof(mach_msg_header_t);
	bool fast = false;
	mach_msg_return_t result = ipc_mqueue_receive(space, receive_name, option, receive_size,
	                                              timeout, &kmsg, &needed, &deferred, &fast);
	if (fast) {
		/* Handed over by a fast-path sender, its names made without the lock. */
		irq_restore(state);
		return ipc_copyout_to_user(space, kmsg, user_message, MACH_MSG_SUCCESS);
	}
	self->fast_path_ready = false;
	if (result != MACH_MSG_SUCCESS) {
		ipc_unlock_and_flush(state, &deferred);
		if (result == MACH_RCV_TOO_LARGE && receive_size >= 8 &&
		    !ipc_host_copyout(space, user_message + 4, &needed, sizeof(needed)))
			return MACH_RCV_INVALID_DATA;
		return result;
	}
	mach_msg_return_t rights_result = ipc_copyout_rights(space, kmsg, &deferred);
	ipc_unlock_and_flush(state, &deferred);
	return ipc_copyout_to_user(space, kmsg, user_message, rights_result);
}

mach_msg_return_t ipc_mach_msg_trap(struct ipc_space *space, uint64_t user_message,
                                    mach_msg_option_t option, mach_msg_size_t send_size,
                                    mach_msg_size_t receive_size, mach_port_name_t receive_name,
                                    mach_msg_timeout_t timeout, mach_port_name_t notify)
{
	(void)notify; /* MACH_SEND_NOTIFY / MACH_RCV_NOTIFY are not supported */
	if (!space || !ipc_host_current_thread())
		return MACH_SEND_INVALID_DEST;
	bool fast_path_ready = false;
	if (option & MACH_SEND_MSG) {
		if (send_size < sizeof(mach_msg_header_t) || send_size % 4 != 0)
			return MACH_SEND_MSG_TOO_SMALL;
		if (send_size > IPC_MESSAGE_INLINE_MAX)
			return MACH_SEND_NO_BUFFER;
		uint64_t small[SMALL_MESSAGE_MAX / 8];
		uint8_t *message = (uint8_t *)small;
		if (send_size > SMALL_MESSAGE_MAX) {
			message = ipc_memory_alloc(send_size);
			if (!message)
				return MACH_SEND_NO_BUFFER;
		}
		mach_msg_return_t result = MACH_SEND_INVALID_DATA;
		if (ipc_host_copyin(space, message, user_message, send_size)) {
			bool done = false;
			if (fast_path_candidate((const mach_msg_header_t *)message, option,
			                        send_size))
				done = ipc_fast_path_send(space, message, send_size);
			if (done)
				result = MACH_MSG_SUCCESS;
			if (!done)
				result = send_general(space, message, send_size, option, timeout);
		}
		if (message != (uint8_t *)small)
			ipc_memory_free(message, send_size);
		if (result != MACH_MSG_SUCCESS)
			return result;
		fast_path_ready = true;
	}
	if (option & MACH_RCV_MSG)
		return receive(space, user_message, option, receive_size, receive_name, timeout,
		               fast_path_ready || receive_size >= sizeof(mach_msg_header_t));
	return MACH_MSG_SUCCESS;
}
