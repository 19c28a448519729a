/* Thread suspension: thread_suspend/thread_resume counts, the stop point where
 * a held thread parks before user mode, and waiting until it has stopped (for
 * reading or changing its saved registers). */
#include "kern/thread.h"
#include "kern/cpu.h"
#include "kern/sched.h"
#include <mach/kern_return.h>
#include <stddef.h>

int thread_hold(struct thread *thread)
{
	irq_state_t state = spin_lock_irqsave(&thread->suspend_queue.lock);
	if (thread->state == THREAD_TERMINATED || thread->terminate_requested) {
		spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
		return KERN_TERMINATED;
	}
	thread->suspend_count++;
	spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
	thread_nudge(thread);
	return KERN_SUCCESS;
}

int thread_release_hold(struct thread *thread)
{
	irq_state_t state = spin_lock_irqsave(&thread->suspend_queue.lock);
	if (thread->suspend_count == 0) {
		spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
		return KERN_FAILURE;
	}
	bool wake = --thread->suspend_count == 0;
	spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
	if (wake)
		wait_queue_wake_all(&thread->suspend_queue);
	return KERN_SUCCESS;
}

void thread_stop_point(void)
{
	struct thread *self = current_thread();
	irq_state_t state = spin_lock_irqsave(&self->suspend_queue.lock);
	while (self->suspend_count > 0 && !self->terminate_requested) {
		if (!self->stopped) {
			self->stopped = true;
			/* Wake those waiting for us to stop; we stay on the queue's lock. */
			for (struct thread *waiter = self->suspend_queue.first; waiter;
			     waiter = self->suspend_queue.first) {
				self->suspend_queue.first = waiter->wait_next;
				if (!self->suspend_queue.first)
					self->suspend_queue.last = NULL;
				waiter->wait_next = NULL;
				waiter->waiting_on = NULL;
				waiter->wait_result = WAIT_AWAKENED;
				sched_wakeup(waiter);
			}
		}
		wait_queue_sleep_locked(&self->suspend_queue);
		spin_lock(&self->suspend_queue.lock);
	}
	self->stopped = false;
	spin_unlock_irqrestore(&self->suspend_queue.lock, state);
}

void thread_note_asleep(struct thread *thread)
{
	/* Under the queue's lock, as the holder's count and look at the state: a
	 * holder either sees the thread asleep or is on the queue by now. A thread
	 * parked at its stop point (stopped) sleeps on this queue itself. */
	irq_state_t state = spin_lock_irqsave(&thread->suspend_queue.lock);
	bool watched = thread->suspend_count > 0 && !thread->stopped && thread->suspend_queue.first;
	spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
	if (watched)
		wait_queue_wake_all(&thread->suspend_queue);
}

bool thread_wait_until_stopped(struct thread *thread)
{
	if (thread == current_thread())
		return true;
	irq_state_t state = spin_lock_irqsave(&thread->suspend_queue.lock);
	for (;;) {
		if (thread->state == THREAD_TERMINATED || thread->suspend_count == 0) {
			spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
			return false;
		}
		/* Parked, or asleep inside the kernel, where its user registers are
		 * saved and it will park before going back to user mode. */
		if (thread->stopped || thread->state == THREAD_WAITING)
			break;
		if (wait_queue_sleep_locked(&thread->suspend_queue) == WAIT_INTERRUPTED) {
			irq_restore(state);
			return false;
		}
		spin_lock(&thread->suspend_queue.lock);
	}
	spin_unlock_irqrestore(&thread->suspend_queue.lock, state);
	return true;
}
