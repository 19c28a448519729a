/* Message queues: delivering a message to a waiting receiver or a port's
 * queue, receiving from a port or a port set with timeouts and interruption,
 * and senders blocked on a full queue. Lock held throughout, but for a receive
 * the fast path finishes (ipc_fast_path_receive). */
#include "ipc/ipc_internal.h"

bool ipc_mqueue_full(const struct ipc_port *port)
{
	return port->messages.count >= port->qlimit;
}

static void wake_one_sender(struct ipc_port *port)
{
	struct ipc_thread *sender = ipc_thread_queue_pop(&port->blocked_senders);
	if (sender) {
		sender->wait_kind = IPC_WAITING_NONE;
		sender->waiting_on = NULL;
		ipc_host_wakeup(sender);
	}
}

void ipc_mqueue_deliver(struct ipc_port *destination, struct ipc_kmsg *kmsg,
                        struct ipc_deferred *deferred)
{
	if (!destination->active || destination->kobject_kind != 0) {
		/* Nobody will ever receive it (a kernel object port only serves trap sends). */
		ipc_kmsg_clean(kmsg, deferred);
		return;
	}
	kmsg->user_size = ipc_kmsg_user_size(kmsg);
	struct ipc_thread *receiver = ipc_thread_queue_pop(&destination->receivers);
	if (!receiver && destination->pset)
		receiver = ipc_thread_queue_pop(&destination->pset->receivers);
	if (receiver) {
		receiver->wait_kind = IPC_WAITING_NONE;
		receiver->waiting_on = NULL;
		if (kmsg->user_size <= receiver->receive_limit) {
			kmsg->header.seqno = destination->seqno++;
			receiver->received = kmsg;
			ipc_host_wakeup(receiver);
			return;
		}
		ipc_host_wakeup(receiver); /* it will find the message too large */
	}
	ipc_kmsg_enqueue(&destination->messages, kmsg);
}

mach_msg_return_t ipc_mqueue_wait_for_room(struct ipc_port *destination, mach_msg_option_t option,
                                           mach_msg_timeout_t timeout)
{
	if (!ipc_mqueue_full(destination) || !destination->active)
		return MACH_MSG_SUCCESS;
	if ((option & MACH_SEND_TIMEOUT) && timeout == 0)
		return MACH_SEND_TIMED_OUT;
	struct ipc_thread *self = ipc_host_current_thread();
	self->wait_kind = IPC_WAITING_SEND;
	self->waiting_on = destination;
	self->wait_result = MACH_MSG_SUCCESS;
	ipc_thread_queue_append(&destination->blocked_senders, self);
	ipc_port_reference(destination);
	enum ipc_wait_result waited =
	    ipc_host_sleep(self, ipc_lock_release_for_sleep,
	                   (option & MACH_SEND_TIMEOUT) ? timeout : IPC_WAIT_FOREVER);
	ipc_lock_reacquire();
	ipc_thread_queue_remove(&destination->blocked_senders, self);
	self->wait_kind = IPC_WAITING_NONE;
	ipc_port_release(destination);
	if (waited == IPC_WAIT_INTERRUPTED)
		return MACH_SEND_INTERRUPTED;
	if (waited == IPC_WAIT_TIMED_OUT && ipc_mqueue_full(destination) && destination->active)
		return MACH_SEND_TIMED_OUT;
	return MACH_SEND_IN_PROGRESS; /* look again */
}

static struct ipc_port *first_port_with_message(struct ipc_pset *pset)
{
	for (struct ipc_port *port = pset->members; port; port = port->pset_next)
		if (port->messages.first)
			return port;
	return NULL;
}

mach_msg_return_t ipc_mqueue_receive(struct ipc_space *space, mach_port_name_t name,
                                     mach_msg_option_t option, mach_msg_size_t receive_limit,
                                     mach_msg_timeout_t timeout, struct ipc_kmsg **kmsg_out,
                                     mach_msg_size_t *too_large_size, struct ipc_deferred *deferred,
                                     bool *fast)
{
	struct ipc_thread *self = ipc_host_current_thread();
	for (;;) {
		struct ipc_entry *entry = ipc_entry_lookup(space, name);
		if (!entry || !(entry->type & (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_PORT_SET)))
			return MACH_RCV_INVALID_NAME;
		struct ipc_port *port = NULL;
		struct ipc_pset *pset = NULL;
		struct ipc_thread_queue *waiters;
		if (entry->type & MACH_PORT_TYPE_RECEIVE) {
			port = entry->object;
			if (port->pset)
				return MACH_RCV_IN_SET;
			waiters = &port->receivers;
		} else {
			pset = entry->object;
			port = first_port_with_message(pset);
			waiters = &pset->receivers;
		}
		struct ipc_kmsg *kmsg = port ? port->messages.first : NULL;
		if (kmsg) {
			if (kmsg->user_size > receive_limit) {
				*too_large_size = kmsg->user_size;
				if (option & MACH_RCV_LARGE)
					return MACH_RCV_TOO_LARGE;
				ipc_kmsg_dequeue(&port->messages);
				wake_one_sender(port);
				ipc_kmsg_clean(kmsg, deferred);
				return MACH_RCV_TOO_LARGE;
			}
			ipc_kmsg_dequeue(&port->messages);
			kmsg->header.seqno = port->seqno++;
			wake_one_sender(port);
			*kmsg_out = kmsg;
			return MACH_MSG_SUCCESS;
		}
		if ((option & MACH_RCV_TIMEOUT) && timeout == 0)
			return MACH_RCV_TIMED_OUT;
		self->wait_kind = IPC_WAITING_RECEIVE;
		self->waiting_on = pset ? (void *)pset : (void *)port;
		self->waiting_on_set = pset != NULL;
		self->received = NULL;
		self->wait_result = MACH_MSG_SUCCESS;
		self->receive_limit = receive_limit;
		ipc_thread_queue_append(waiters, self);
		if (pset)
			pset->references++;
		else
			ipc_port_reference(port);
		enum ipc_wait_result waited =
		    ipc_host_sleep(self, ipc_lock_release_for_sleep,
		                   (option & MACH_RCV_TIMEOUT) ? timeout : IPC_WAIT_FOREVER);
		struct ipc_kmsg *handed =
		    ipc_fast_path_receive(space, self, pset ? NULL : port, pset);
		if (handed) {
			*kmsg_out = handed;
			*fast = true;
			return MACH_MSG_SUCCESS;
		}
		ipc_lock_reacquire();
		ipc_thread_queue_remove(waiters, self);
		self->wait_kind = IPC_WAITING_NONE;
		self->fast_path_ready = false;
		if (pset)
			ipc_pset_release(pset);
		else
			ipc_port_release(port);
		if (self->received) {
			*kmsg_out = self->received;
			self->received = NULL;
			return MACH_MSG_SUCCESS;
		}
		if (self->wait_result == MACH_RCV_PORT_DIED ||
		    self->wait_result == MACH_RCV_PORT_CHANGED)
			return self->wait_result;
		if (waited == IPC_WAIT_INTERRUPTED)
			return MACH_RCV_INTERRUPTED;
		if (waited == IPC_WAIT_TIMED_OUT)
			return MACH_RCV_TIMED_OUT;
	}
}

mach_msg_return_t ipc_mqueue_receive_port(struct ipc_port *port, struct ipc_kmsg **kmsg_out)
{
	struct ipc_thread *self = ipc_host_current_thread();
	for (;;) {
		if (!port->active)
			return MACH_RCV_PORT_DIED;
		struct ipc_kmsg *kmsg = ipc_kmsg_dequeue(&port->messages);
		if (kmsg) {
			kmsg->header.seqno = port->seqno++;
			*kmsg_out = kmsg;
			return MACH_MSG_SUCCESS;
		}
		self->received = NULL;
		self->wait_result = MACH_MSG_SUCCESS;
		self->receive_limit = MACH_MSG_SIZE_MAX;
		self->wait_kind = IPC_WAITING_RECEIVE;
		ipc_thread_queue_append(&port->receivers, self);
		enum ipc_wait_result waited =
		    ipc_host_sleep(self, ipc_lock_release_for_sleep, IPC_WAIT_FOREVER);
		ipc_lock_reacquire();
		ipc_thread_queue_remove(&port->receivers, self);
		self->wait_kind = IPC_WAITING_NONE;
		if (self->received) {
			*kmsg_out = self->received;
			self->received = NULL;
			return MACH_MSG_SUCCESS;
		}
		if (waited == IPC_WAIT_INTERRUPTED)
			return MACH_RCV_INTERRUPTED;
	}
}
