/* The kernel's side of gsync_sleep.h: an interruptible sleep on the scheduler
 * (thread_interrupt_wait ends it), with a timer for the deadline. */
#include "kern/gsync_sleep.h"
#include "kern/cpu.h"
#include "kern/sched.h"
#include "kern/thread.h"
#include "kern/timer.h"

struct thread *gsync_current_thread(void)
{
	return current_thread();
}

uint64_t gsync_now_ms(void)
{
	return timer_now_ms();
}

struct sleep_deadline {
	struct timer timer; /* first: the callback gets the timer */
	struct thread *sleeper;
	volatile bool passed;
};

static void deadline_passed(struct timer *timer)
{
	struct sleep_deadline *deadline = (struct sleep_deadline *)timer;
	deadline->passed = true;
	sched_wakeup(deadline->sleeper);
}

enum gsync_sleep_result gsync_sleep(spinlock_t *held, uint64_t deadline_ms)
{
	struct thread *self = current_thread();
	struct sleep_deadline deadline = {.sleeper = self};
	__atomic_store_n(&self->wait_interrupted, false, __ATOMIC_RELAXED);
	__atomic_store_n(&self->interruptible_sleep, true, __ATOMIC_SEQ_CST);
	/* thread_interrupt_wait sets wait_interrupted before it takes our lock to
	 * wake us: seen here, or it finds us THREAD_WAITING. */
	spin_lock(&self->lock);
	if (self->terminate_requested || self->wait_interrupted) {
		spin_unlock(&self->lock);
		spin_unlock(held);
		__atomic_store_n(&self->interruptible_sleep, false, __ATOMIC_RELEASE);
		return GSYNC_SLEEP_INTERRUPTED;
	}
	self->state = THREAD_WAITING;
	spin_unlock(&self->lock);
	if (deadline_ms != GSYNC_NO_DEADLINE)
		timer_arm(&deadline.timer, deadline_ms, deadline_passed);
	spin_unlock(held);
	schedule();
	if (deadline_ms != GSYNC_NO_DEADLINE)
		timer_cancel(&deadline.timer);
	__atomic_store_n(&self->interruptible_sleep, false, __ATOMIC_RELEASE);
	if (self->wait_interrupted || self->terminate_requested)
		return GSYNC_SLEEP_INTERRUPTED;
	return deadline.passed ? GSYNC_SLEEP_TIMED_OUT : GSYNC_SLEEP_WOKEN;
}

void gsync_wakeup(struct thread *thread)
{
	sched_wakeup(thread);
}
