/* The per-thread IPC state and the queues of threads waiting on a port or a
 * port set (receivers) or for room in a port's queue (senders). */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

void ipc_thread_init(struct ipc_thread *thread, void *owner)
{
	memset(thread, 0, sizeof(*thread));
	thread->owner = owner;
}

void ipc_thread_cleanup(struct ipc_thread *thread)
{
	if (thread->kernel_reply_port) {
		ipc_port_release_receive(thread->kernel_reply_port);
		thread->kernel_reply_port = NULL;
	}
}

struct ipc_thread *ipc_thread_create(void)
{
	struct ipc_thread *thread = ipc_memory_alloc(sizeof(*thread));
	if (thread)
		ipc_thread_init(thread, NULL);
	return thread;
}

void ipc_thread_destroy(struct ipc_thread *thread)
{
	if (!thread)
		return;
	ipc_thread_cleanup(thread);
	ipc_memory_free(thread, sizeof(*thread));
}

void ipc_thread_set_owner(struct ipc_thread *thread, void *owner)
{
	thread->owner = owner;
}

void *ipc_thread_owner(const struct ipc_thread *thread)
{
	return thread->owner;
}

void ipc_thread_queue_append(struct ipc_thread_queue *queue, struct ipc_thread *thread)
{
	thread->wait_next = NULL;
	if (queue->last)
		queue->last->wait_next = thread;
	else
		queue->first = thread;
	queue->last = thread;
}

bool ipc_thread_queue_remove(struct ipc_thread_queue *queue, struct ipc_thread *thread)
{
	struct ipc_thread *previous = NULL;
	for (struct ipc_thread *cursor = queue->first; cursor; cursor = cursor->wait_next) {
		if (cursor == thread) {
			if (previous)
				previous->wait_next = cursor->wait_next;
			else
				queue->first = cursor->wait_next;
			if (queue->last == cursor)
				queue->last = previous;
			cursor->wait_next = NULL;
			return true;
		}
		previous = cursor;
	}
	return false;
}

struct ipc_thread *ipc_thread_queue_pop(struct ipc_thread_queue *queue)
{
	struct ipc_thread *thread = queue->first;
	if (thread)
		ipc_thread_queue_remove(queue, thread);
	return thread;
}

void ipc_thread_queue_wake_all(struct ipc_thread_queue *queue, mach_msg_return_t result)
{
	struct ipc_thread *thread;
	while ((thread = ipc_thread_queue_pop(queue))) {
		thread->wait_kind = IPC_WAITING_NONE;
		thread->waiting_on = NULL;
		thread->wait_result = result;
		ipc_host_wakeup(thread);
	}
}
