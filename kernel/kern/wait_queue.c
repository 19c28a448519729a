/* Wait queues (see wait_queue.h): FIFO of sleeping threads; waking marks the
 * thread runnable through the scheduler, which handles a sleeper still on its CPU. */
#include "kern/wait_queue.h"
#include "kern/thread.h"
#include "kern/sched.h"
#include "kern/cpu.h"
#include <stddef.h>

static void queue_remove(struct wait_queue *queue, struct thread *thread)
{
	struct thread **link = &queue->first;
	struct thread *previous = NULL;
	while (*link && *link != thread) {
		previous = *link;
		link = &(*link)->wait_next;
	}
	if (!*link)
		return;
	*link = thread->wait_next;
	if (queue->last == thread)
		queue->last = previous;
	thread->wait_next = NULL;
	thread->waiting_on = NULL;
}

enum wait_result wait_queue_sleep_locked(struct wait_queue *queue)
{
	struct thread *self = current_thread();
	self->wait_next = NULL;
	self->waiting_on = queue;
	self->wait_result = WAIT_AWAKENED;
	if (queue->last)
		queue->last->wait_next = self;
	else
		queue->first = self;
	queue->last = self;

	spin_lock(&self->lock);
	if (self->terminate_requested) {
		spin_unlock(&self->lock);
		queue_remove(queue, self);
		spin_unlock(&queue->lock);
		return WAIT_INTERRUPTED;
	}
	self->state = THREAD_WAITING;
	spin_unlock(&self->lock);
	spin_unlock(&queue->lock);
	schedule();
	return self->wait_result;
}

static struct thread *pop_first(struct wait_queue *queue)
{
	struct thread *thread = queue->first;
	if (thread)
		queue_remove(queue, thread);
	return thread;
}

void wait_queue_wake_one(struct wait_queue *queue)
{
	irq_state_t state = spin_lock_irqsave(&queue->lock);
	struct thread *thread = pop_first(queue);
	if (thread)
		thread->wait_result = WAIT_AWAKENED;
	spin_unlock_irqrestore(&queue->lock, state);
	if (thread)
		sched_wakeup(thread);
}

void wait_queue_wake_all(struct wait_queue *queue)
{
	for (;;) {
		irq_state_t state = spin_lock_irqsave(&queue->lock);
		struct thread *thread = pop_first(queue);
		if (thread)
			thread->wait_result = WAIT_AWAKENED;
		spin_unlock_irqrestore(&queue->lock, state);
		if (!thread)
			return;
		sched_wakeup(thread);
	}
}

void wait_queue_interrupt(struct thread *thread)
{
	struct wait_queue *queue = __atomic_load_n(&thread->waiting_on, __ATOMIC_ACQUIRE);
	if (!queue)
		return;
	irq_state_t state = spin_lock_irqsave(&queue->lock);
	bool found = thread->waiting_on == queue;
	if (found) {
		queue_remove(queue, thread);
		thread->wait_result = WAIT_INTERRUPTED;
	}
	spin_unlock_irqrestore(&queue->lock, state);
	if (found)
		sched_wakeup(thread);
}
