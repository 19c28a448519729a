/* The kernel's own messages, for its kernel-user MIG stubs: a one-way send
 * (notifications) and an RPC that waits for the reply on a kernel-held reply
 * port (exceptions). Both take kernel-format messages. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

/* A message that could not be sent: the rights it was to move are released. */
static void release_unsent(mach_msg_header_t *message)
{
	struct ipc_kernel_header *header = (struct ipc_kernel_header *)message;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(header->bits);
	mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(header->bits);
	if (remote == MACH_MSG_TYPE_MOVE_SEND || remote == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		ipc_right_release(header->remote, ipc_disposition_result(remote), &deferred);
	if (local == MACH_MSG_TYPE_MOVE_SEND || local == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		ipc_right_release(header->local, ipc_disposition_result(local), &deferred);
	ipc_unlock_and_flush(state, &deferred);
}

static mach_msg_return_t send_from_kernel(mach_msg_header_t *message, mach_msg_size_t send_size)
{
	if (send_size < sizeof(struct ipc_kernel_header) || send_size > IPC_MESSAGE_INLINE_MAX) {
		release_unsent(message);
		return MACH_SEND_MSG_TOO_SMALL;
	}
	struct ipc_kmsg *kmsg = ipc_kmsg_alloc(send_size);
	if (!kmsg) {
		release_unsent(message);
		return MACH_SEND_NO_BUFFER;
	}
	memcpy(&kmsg->header, message, send_size);
	kmsg->header.size = send_size;
	kmsg->sent_by_kernel = true;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	ipc_kmsg_copyin_kernel(kmsg);
	mach_msg_return_t result = MACH_MSG_SUCCESS;
	struct ipc_port *destination = kmsg->header.remote;
	if (IPC_PORT_VALID(destination) && destination->active && destination->kobject_kind != 0) {
		/* To a kernel object (the no-senders notification of its own port). */
		ipc_unlock_and_flush(state, &deferred);
		ipc_kobject_serve_from_kernel(kmsg);
		return MACH_MSG_SUCCESS;
	} else if (IPC_PORT_VALID(destination) && destination->active) {
		ipc_mqueue_deliver(destination, kmsg, &deferred);
	} else {
		ipc_kmsg_clean(kmsg, &deferred);
		result = MACH_SEND_INVALID_DEST;
	}
	ipc_unlock_and_flush(state, &deferred);
	return result;
}

mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *message, mach_msg_size_t send_size)
{
	return send_from_kernel(message, send_size);
}

mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *message, mach_msg_size_t send_size,
                                           mach_msg_size_t receive_size)
{
	struct ipc_thread *self = ipc_host_current_thread();
	if (!self) {
		release_unsent(message);
		return MACH_SEND_INVALID_REPLY;
	}
	if (!self->kernel_reply_port)
		self->kernel_reply_port = ipc_port_alloc_kernel();
	struct ipc_port *reply_port = self->kernel_reply_port;
	if (!reply_port) {
		release_unsent(message);
		return MACH_SEND_NO_BUFFER;
	}
	struct ipc_kernel_header *header = (struct ipc_kernel_header *)message;
	header->local = reply_port;
	header->bits = (header->bits & ~MACH_MSGH_BITS_LOCAL_MASK) |
	               MACH_MSGH_BITS(0, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	mach_msg_return_t result = send_from_kernel(message, send_size);
	if (result != MACH_MSG_SUCCESS)
		return result;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	struct ipc_kmsg *kmsg = NULL;
	irq_state_t state = ipc_lock_acquire();
	result = ipc_mqueue_receive_port(reply_port, &kmsg);
	if (result == MACH_MSG_SUCCESS) {
		/* Received by the kernel: the destination right is used up, the reply
		 * right (if any) is handed over as a pointer; the header is turned
		 * round as a receiver sees it. */
		struct ipc_kernel_header *received = &kmsg->header;
		mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(received->bits);
		mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(received->bits);
		if (remote == MACH_MSG_TYPE_PORT_SEND)
			ipc_port_drop_send(reply_port, &deferred);
		else
			ipc_port_drop_send_once(reply_port, &deferred);
		struct ipc_port *their_reply = received->local;
		received->local = reply_port;
		received->remote = their_reply;
		received->bits =
		    (received->bits & MACH_MSGH_BITS_COMPLEX) | MACH_MSGH_BITS(local, remote);
		if (received->size > receive_size) {
			received->remote = NULL;
			ipc_right_release(their_reply, local, &deferred);
			received->local = NULL;
			received->bits &= ~MACH_MSGH_BITS_PORTS_MASK;
			ipc_kmsg_clean(kmsg, &deferred);
			kmsg = NULL;
			result = MACH_RCV_TOO_LARGE;
		}
	} else if (result == MACH_RCV_INTERRUPTED) {
		/* A late reply must not be taken for the answer to a later call. */
		self->kernel_reply_port = NULL;
		ipc_port_destroy_receive_later(reply_port, &deferred);
	}
	ipc_unlock_and_flush(state, &deferred);
	if (kmsg) {
		(void)ipc_kmsg_copies_to_buffers(kmsg); /* a slot it cannot fill is left NULL */
		memcpy(message, &kmsg->header, kmsg->header.size);
		ipc_kmsg_free(kmsg);
	}
	return result;
}
