/* gsync test: wake-one wakes exactly one waiter (in the order they slept),
 * GSYNC_BROADCAST all, concurrent wakes from two threads exactly as many as
 * they asked; GSYNC_MUTATE; private and shared keys between threads. */
#include "gsync_test.h"

static volatile uint32_t word, other_word;

static void wake_one_and_all(mach_port_t self)
{
	enum { N = 4 };
	static struct gsync_waiter waiters[N];
	vm_address_t at = (vm_address_t)&word;
	word = 0;
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= gsync_start_waiter(&waiters[i], self, at, 0, 0);
	check(started, "%d threads sleep in gsync_wait on one word", N);
	(void)gsync_wake(self, at, 0, 0);
	check(gsync_done_after_settling(waiters, N, 1) == 1 && waiters[0].done &&
	          waiters[0].result == KERN_SUCCESS,
	      "gsync_wake woke exactly one, the first to sleep, with KERN_SUCCESS");
	(void)gsync_wake(self, at, 0, 0);
	check(gsync_done_after_settling(waiters, N, 2) == 2 && waiters[1].done,
	      "a second gsync_wake woke exactly the second");
	(void)gsync_wake(self, at, 0, GSYNC_BROADCAST);
	check(gsync_done_after_settling(waiters, N, N) == N, "GSYNC_BROADCAST woke the rest");
	bool all_success = true;
	for (unsigned i = 0; i < N; i++)
		all_success &= waiters[i].result == KERN_SUCCESS;
	check(gsync_finish_waiters(waiters, N) && all_success,
	      "every waiter returned KERN_SUCCESS");
}

/* Two threads on (with 2 CPUs) two CPUs each wake one waiter twice, at once. */
static volatile uint32_t go;
static volatile uint32_t wakers_done;

static void waker_main(uint64_t unused)
{
	(void)unused;
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	mach_port_t self = mach_task_self();
	(void)gsync_wake(self, (vm_address_t)&word, 0, 0);
	(void)gsync_wake(self, (vm_address_t)&word, 0, 0);
	__atomic_add_fetch(&wakers_done, 1, __ATOMIC_RELEASE);
}

static void racing_wakes(mach_port_t self)
{
	enum { N = 6, WAKERS = 2, WAKES = 2 * WAKERS };
	static struct gsync_waiter waiters[N];
	vm_address_t at = (vm_address_t)&word;
	word = 0;
	go = 0;
	wakers_done = 0;
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= gsync_start_waiter(&waiters[i], self, at, 0, 0);
	for (unsigned i = 0; i < WAKERS; i++)
		started &= gsync_thread_start(waker_main, 0) == KERN_SUCCESS;
	check(started, "%d waiters sleep, %d waker threads are ready", N, WAKERS);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	uint64_t give_up = gsync_clock_ms() + 30000;
	while (wakers_done < WAKERS && gsync_clock_ms() < give_up)
		ipc_pause_ms(1);
	check(gsync_done_after_settling(waiters, N, WAKES) == WAKES,
	      "%d wake-ones racing from %d threads woke exactly %d waiters", WAKES, WAKERS, WAKES);
	(void)gsync_wake(self, at, 0, GSYNC_BROADCAST);
	check(gsync_done_after_settling(waiters, N, N) == N && gsync_finish_waiters(waiters, N),
	      "GSYNC_BROADCAST woke the rest");
}

static void mutate(mach_port_t self)
{
	static struct gsync_waiter waiter;
	vm_address_t at = (vm_address_t)&word;
	word = 0;
	check(gsync_start_waiter(&waiter, self, at, 0, 0), "a thread waits while the word is 0");
	(void)gsync_wake(self, at, 1, GSYNC_MUTATE);
	check(gsync_done_after_settling(&waiter, 1, 1) == 1 && waiter.result == KERN_SUCCESS &&
	          word == 1,
	      "gsync_wake with GSYNC_MUTATE stored 1 and woke it");
	(void)gsync_finish_waiters(&waiter, 1);

	word = 0;
	check(gsync_start_timed_waiter(&waiter, self, at, 0, GSYNC_TIMED, 10000),
	      "a thread waits with GSYNC_TIMED (10 s)");
	uint64_t start = gsync_clock_ms();
	(void)gsync_wake(self, at, 0, 0);
	check(gsync_done_after_settling(&waiter, 1, 1) == 1 && waiter.result == KERN_SUCCESS &&
	          gsync_clock_ms() - start < 5000,
	      "a wake before the deadline: KERN_SUCCESS, not KERN_TIMEDOUT");
	(void)gsync_finish_waiters(&waiter, 1);
}

static void keys(mach_port_t self)
{
	static struct gsync_waiter waiter;
	vm_address_t at = (vm_address_t)&word, other = (vm_address_t)&other_word;
	word = 0;
	other_word = 0;
	check(gsync_start_waiter(&waiter, self, at, 0, GSYNC_SHARED),
	      "a thread waits with GSYNC_SHARED");
	(void)gsync_wake(self, at, 0, GSYNC_BROADCAST);
	(void)gsync_wake(self, other, 0, GSYNC_BROADCAST | GSYNC_SHARED);
	check(gsync_done_after_settling(&waiter, 1, 0) == 0,
	      "a private wake of its word, or a shared wake of another word, leaves it asleep");
	(void)gsync_wake(self, at, 0, GSYNC_SHARED);
	check(gsync_done_after_settling(&waiter, 1, 1) == 1 && waiter.result == KERN_SUCCESS,
	      "a shared wake of its word wakes it");
	(void)gsync_finish_waiters(&waiter, 1);

	check(gsync_start_waiter(&waiter, self, at, 0, 0), "a thread waits without GSYNC_SHARED");
	(void)gsync_wake(self, at, 0, GSYNC_BROADCAST | GSYNC_SHARED);
	(void)gsync_wake(self, other, 0, GSYNC_BROADCAST);
	check(gsync_done_after_settling(&waiter, 1, 0) == 0,
	      "a shared wake of its word, or a private wake of another word, leaves it asleep");
	(void)gsync_wake(self, at, 0, 0);
	check(gsync_done_after_settling(&waiter, 1, 1) == 1 && waiter.result == KERN_SUCCESS,
	      "a private wake of its word wakes it");
	(void)gsync_finish_waiters(&waiter, 1);
}

void gsync_test_wake(void)
{
	mach_port_t self = mach_task_self();
	wake_one_and_all(self);
	racing_wakes(self);
	mutate(self);
	keys(self);
}
