/* gsync test: gsync_requeue moves waiters from one word to another, waking
 * none, or the first with wake_one; without GSYNC_BROADCAST it moves one. */
#include "gsync_test.h"

static volatile uint32_t source, destination;

static void requeue_all(mach_port_t self)
{
	enum { N = 3 };
	static struct gsync_waiter waiters[N];
	vm_address_t from = (vm_address_t)&source, to = (vm_address_t)&destination;
	source = destination = 0;
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= gsync_start_waiter(&waiters[i], self, from, 0, 0);
	check(started, "%d threads wait on a source word", N);
	(void)gsync_requeue(self, from, to, FALSE, GSYNC_BROADCAST);
	check(gsync_done_after_settling(waiters, N, 0) == 0,
	      "gsync_requeue with GSYNC_BROADCAST woke nobody");
	(void)gsync_wake(self, from, 0, GSYNC_BROADCAST);
	check(gsync_done_after_settling(waiters, N, 0) == 0,
	      "a broadcast on the source word finds nobody left");
	(void)gsync_wake(self, to, 0, GSYNC_BROADCAST);
	check(gsync_done_after_settling(waiters, N, N) == N,
	      "a broadcast on the destination word wakes all %d", N);
	bool all_success = true;
	for (unsigned i = 0; i < N; i++)
		all_success &= waiters[i].result == KERN_SUCCESS;
	check(gsync_finish_waiters(waiters, N) && all_success, "each returned KERN_SUCCESS");
}

static void requeue_wake_one(mach_port_t self)
{
	enum { N = 3 };
	static struct gsync_waiter waiters[N];
	vm_address_t from = (vm_address_t)&source, to = (vm_address_t)&destination;
	source = destination = 0;
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= gsync_start_waiter(&waiters[i], self, from, 0, GSYNC_SHARED);
	check(started, "%d threads wait on a source word (GSYNC_SHARED)", N);
	(void)gsync_requeue(self, from, to, TRUE, GSYNC_SHARED);
	check(gsync_done_after_settling(waiters, N, 1) == 1 && waiters[0].done,
	      "gsync_requeue with wake_one woke the first");
	(void)gsync_wake(self, to, 0, GSYNC_BROADCAST | GSYNC_SHARED);
	check(gsync_done_after_settling(waiters, N, 2) == 2 && waiters[1].done,
	      "without GSYNC_BROADCAST it moved only the second to the destination");
	(void)gsync_wake(self, from, 0, GSYNC_BROADCAST | GSYNC_SHARED);
	check(gsync_done_after_settling(waiters, N, N) == N && gsync_finish_waiters(waiters, N),
	      "the third was still on the source word");
}

void gsync_test_requeue(void)
{
	mach_port_t self = mach_task_self();
	requeue_all(self);
	requeue_wake_one(self);
}
