/* gsync test: thread_abort takes a thread out of gsync_wait with
 * KERN_INTERRUPTED, timed or not, and the word's queue still works after. */
#include "gsync_test.h"

static volatile uint32_t word;

static void abort_waiter(mach_port_t self, int flags, natural_t msec, const char *what)
{
	static struct gsync_waiter waiter;
	vm_address_t at = (vm_address_t)&word;
	word = 0;
	check(gsync_start_timed_waiter(&waiter, self, at, 0, flags, msec),
	      "a thread sleeps in gsync_wait (%s)", what);
	check(thread_abort(waiter.thread) == KERN_SUCCESS, "thread_abort is accepted");
	unsigned done = gsync_done_after_settling(&waiter, 1, 1);
	check(done == 1 && waiter.result == KERN_INTERRUPTED,
	      "its gsync_wait returned KERN_INTERRUPTED (0x%x)", waiter.result);
	(void)gsync_finish_waiters(&waiter, 1);
}

void gsync_test_abort(void)
{
	mach_port_t self = mach_task_self();
	abort_waiter(self, 0, 0, "no timeout");
	abort_waiter(self, GSYNC_TIMED, 10000, "GSYNC_TIMED, 10 s");

	enum { N = 2 };
	static struct gsync_waiter waiters[N];
	vm_address_t at = (vm_address_t)&word;
	bool started = gsync_start_waiter(&waiters[0], self, at, 0, 0) &&
	               gsync_start_waiter(&waiters[1], self, at, 0, 0);
	check(started && thread_abort(waiters[0].thread) == KERN_SUCCESS &&
	          gsync_done_after_settling(waiters, N, 1) == 1 &&
	          waiters[0].result == KERN_INTERRUPTED,
	      "of two waiters, the aborted one returns");
	(void)gsync_wake(self, at, 0, 0);
	check(gsync_done_after_settling(waiters, N, N) == N && waiters[1].result == KERN_SUCCESS,
	      "a wake-one then wakes the other: the aborted one left the queue");
	(void)gsync_finish_waiters(waiters, N);
}
