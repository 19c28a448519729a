/* Host unit test of kern/gsync.c with pthreads (gsync_host.c stands in for the
 * thread system and user memory): argument checks, value checks, timeouts,
 * wake-one/broadcast order, requeue, keys, interruption, faulting in, and
 * races between wakes, timeouts and a futex-style mutex. */
#include "tap.h"
#include "gsync_host.h"
#include "kern/gsync.h"
#include "kern/gsync_sleep.h"
#include <wildebeest/gsync.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WINDOW 8192

static uint8_t *memory;    /* shared by task_a and task_b */
static uint8_t *elsewhere; /* task_c's: same addresses as task_a, other memory */
static struct task task_a, task_b, task_c, task_ro;

static uint64_t address_in(struct task *task, unsigned offset)
{
	return task->origin + offset;
}

static uint32_t *word_at(unsigned offset)
{
	return (uint32_t *)(memory + offset);
}

/* --- waiter threads --- */

struct waiter {
	pthread_t pthread;
	struct task *task;
	uint64_t address;
	uint32_t low, high, msec;
	int flags;
	struct thread *thread;
	kern_return_t result;
	bool done;
};

static void *waiter_main(void *argument)
{
	struct waiter *waiter = argument;
	__atomic_store_n(&waiter->thread, gsync_host_self(), __ATOMIC_RELEASE);
	kern_return_t result = gsync_wait_address(waiter->task, waiter->address, waiter->low,
	                                          waiter->high, waiter->msec, waiter->flags);
	waiter->result = result;
	__atomic_store_n(&waiter->done, true, __ATOMIC_RELEASE);
	return NULL;
}

static bool wait_for_sleepers(unsigned count)
{
	for (unsigned i = 0; i < 20000; i++) {
		if (gsync_host_sleepers() == count)
			return true;
		usleep(1000);
	}
	return false;
}

/* Starts a waiter and returns once it sleeps (sleepers_before + 1 asleep). */
static bool start_waiter(struct waiter *waiter, struct task *task, uint64_t address, uint32_t low,
                         int flags)
{
	unsigned before = gsync_host_sleepers();
	*waiter = (struct waiter){.task = task, .address = address, .low = low, .flags = flags};
	if (pthread_create(&waiter->pthread, NULL, waiter_main, waiter) != 0)
		return false;
	return wait_for_sleepers(before + 1);
}

static bool is_done(struct waiter *waiter)
{
	return __atomic_load_n(&waiter->done, __ATOMIC_ACQUIRE);
}

static unsigned count_done(struct waiter *waiters, unsigned count)
{
	unsigned done = 0;
	for (unsigned i = 0; i < count; i++)
		done += is_done(&waiters[i]);
	return done;
}

/* Waiters done, once at least expected are: woken threads are waited for (up
 * to 20 s, however loaded the host), not given a fixed time. Which threads a
 * wake woke is known exactly from gsync_host_wakeups/gsync_host_last_woken. */
static unsigned done_when(struct waiter *waiters, unsigned count, unsigned expected)
{
	for (unsigned i = 0; i < 20000 && count_done(waiters, count) < expected; i++)
		usleep(1000);
	return count_done(waiters, count);
}

/* gsync_wakeup calls since before. */
static unsigned long woken_since(unsigned long before)
{
	return gsync_host_wakeups() - before;
}

static struct thread *thread_of(struct waiter *waiter)
{
	return __atomic_load_n(&waiter->thread, __ATOMIC_ACQUIRE);
}

static void join_all(struct waiter *waiters, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		pthread_join(waiters[i].pthread, NULL);
}

/* --- single-threaded checks --- */

static void test_arguments(void)
{
	uint64_t word = address_in(&task_a, 0);
	CHECK(gsync_wait_address(NULL, word, 0, 0, 0, 0) == KERN_INVALID_TASK,
	      "wait without a task: KERN_INVALID_TASK");
	CHECK(gsync_wake_address(NULL, word, 0, 0) == KERN_INVALID_TASK,
	      "wake without a task: KERN_INVALID_TASK");
	CHECK(gsync_requeue_address(NULL, word, word, false, 0) == KERN_INVALID_TASK,
	      "requeue without a task: KERN_INVALID_TASK");
	CHECK(gsync_wait_address(&task_a, word + 1, 0, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	          gsync_wait_address(&task_a, word + 2, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "wait on a misaligned word: KERN_INVALID_ADDRESS");
	CHECK(gsync_wait_address(&task_a, word + 4, 0, 0, 0, GSYNC_QUAD) == KERN_INVALID_ADDRESS,
	      "GSYNC_QUAD wait on a word aligned to 4 only: KERN_INVALID_ADDRESS");
	CHECK(gsync_wake_address(&task_a, word + 2, 0, 0) == KERN_INVALID_ADDRESS &&
	          gsync_requeue_address(&task_a, word + 1, word, false, 0) ==
	              KERN_INVALID_ADDRESS &&
	          gsync_requeue_address(&task_a, word, word + 3, false, 0) == KERN_INVALID_ADDRESS,
	      "wake and requeue on misaligned words: KERN_INVALID_ADDRESS");
	uint64_t outside = task_a.origin + WINDOW;
	CHECK(gsync_wait_address(&task_a, outside, 0, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	          gsync_wait_address(&task_a, task_a.origin - 4, 0, 0, 0, 0) ==
	              KERN_INVALID_ADDRESS,
	      "wait on unmapped memory: KERN_INVALID_ADDRESS");
	CHECK(gsync_wake_address(&task_a, outside, 0, GSYNC_MUTATE) == KERN_INVALID_ADDRESS &&
	          gsync_requeue_address(&task_a, word, outside, true, 0) == KERN_INVALID_ADDRESS,
	      "wake and requeue on unmapped memory: KERN_INVALID_ADDRESS");
	CHECK(gsync_wait_address(&task_a, task_a.origin + WINDOW - 4, 1, 0, 0, GSYNC_QUAD) ==
	          KERN_INVALID_ADDRESS,
	      "a 64-bit word past the end of the memory: KERN_INVALID_ADDRESS");
}

static void test_values(void)
{
	*word_at(0) = 5;
	uint64_t word = address_in(&task_a, 0);
	CHECK(gsync_wait_address(&task_a, word, 4, 0, 0, 0) == KERN_INVALID_ARGUMENT,
	      "wait returns KERN_INVALID_ARGUMENT at once when the word differs");
	CHECK(gsync_wait_address(&task_a, word, 5, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "a timed wait of 0 ms on an equal word: KERN_TIMEDOUT at once");
	uint64_t quad = (uint64_t)7 << 32 | 5;
	memcpy(word_at(8), &quad, sizeof(quad));
	uint64_t quad_word = address_in(&task_a, 8);
	CHECK(gsync_wait_address(&task_a, quad_word, 5, 8, 0, GSYNC_QUAD) == KERN_INVALID_ARGUMENT,
	      "GSYNC_QUAD compares the high half too (val2 differs)");
	CHECK(gsync_wait_address(&task_a, quad_word, 6, 7, 0, GSYNC_QUAD) == KERN_INVALID_ARGUMENT,
	      "GSYNC_QUAD compares the low half (val1 differs)");
	CHECK(gsync_wait_address(&task_a, quad_word, 5, 7, 0, GSYNC_QUAD | GSYNC_TIMED) ==
	          KERN_TIMEDOUT,
	      "GSYNC_QUAD: val1 is the word at the address, val2 the one after it");
	CHECK(gsync_wait_address(&task_a, quad_word, 5, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "without GSYNC_QUAD only 32 bits are compared");

	uint64_t start = gsync_now_ms();
	kern_return_t result = gsync_wait_address(&task_a, word, 5, 0, 30, GSYNC_TIMED);
	uint64_t elapsed = gsync_now_ms() - start;
	CHECK(result == KERN_TIMEDOUT && elapsed >= 30,
	      "a timed wait of 30 ms nobody wakes: KERN_TIMEDOUT after %lu ms",
	      (unsigned long)elapsed);
	CHECK(gsync_host_sleepers() == 0, "no thread is left asleep");
}

static void test_wake_without_waiters(void)
{
	*word_at(16) = 1;
	uint64_t word = address_in(&task_a, 16);
	CHECK(gsync_wake_address(&task_a, word, 0, 0) == KERN_INVALID_ARGUMENT,
	      "wake with no waiter: KERN_INVALID_ARGUMENT");
	CHECK(gsync_wake_address(&task_a, word, 99, GSYNC_MUTATE) == KERN_INVALID_ARGUMENT &&
	          *word_at(16) == 99,
	      "GSYNC_MUTATE stores the value even with no waiter");
	CHECK(gsync_wake_address(&task_b, address_in(&task_b, 16), 77,
	                         GSYNC_MUTATE | GSYNC_SHARED) == KERN_INVALID_ARGUMENT &&
	          *word_at(16) == 77,
	      "GSYNC_MUTATE through another task's view of the memory");
	*(uint32_t *)task_ro.base = 3;
	CHECK(gsync_wake_address(&task_ro, task_ro.origin, 4, GSYNC_MUTATE) ==
	              KERN_INVALID_ADDRESS &&
	          *(uint32_t *)task_ro.base == 3,
	      "GSYNC_MUTATE on read-only memory: KERN_INVALID_ADDRESS, word unchanged");
	CHECK(gsync_wait_address(&task_ro, task_ro.origin, 3, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "wait on read-only memory is allowed");
}

static void test_fault_in(void)
{
	*word_at(24) = 1;
	uint64_t word = address_in(&task_a, 24);
	task_a.fault_ins = 0;
	task_a.nofault_misses = 2;
	CHECK(gsync_wait_address(&task_a, word, 2, 0, 0, 0) == KERN_INVALID_ARGUMENT &&
	          task_a.fault_ins == 2,
	      "a word not resident is faulted in and read again (%u fault-ins)", task_a.fault_ins);
	task_a.fault_ins = 0;
	task_a.nofault_misses = 2;
	CHECK(gsync_wake_address(&task_a, word, 8, GSYNC_MUTATE) == KERN_INVALID_ARGUMENT &&
	          *word_at(24) == 8 && task_a.fault_ins == 2,
	      "likewise for GSYNC_MUTATE's store");
	task_a.fault_ins = 0;
	task_a.nofault_misses = 1000;
	CHECK(gsync_wait_address(&task_a, word, 8, 0, 0, 0) == KERN_MEMORY_FAILURE &&
	          task_a.fault_ins == 4,
	      "a word that never stays resident: KERN_MEMORY_FAILURE after %u tries",
	      task_a.fault_ins);
	task_a.nofault_misses = 1;
	task_a.fault_in_fails = true;
	CHECK(gsync_wait_address(&task_a, word, 8, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "a word that cannot be faulted in: KERN_INVALID_ADDRESS");
	task_a.nofault_misses = 0;
	task_a.fault_in_fails = false;
}

/* --- waking --- */

static void test_wake_one_and_all(void)
{
	enum { N = 4 };
	static struct waiter waiters[N];
	*word_at(32) = 0;
	uint64_t word = address_in(&task_a, 32);
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= start_waiter(&waiters[i], &task_a, word, 0, 0);
	CHECK(started && gsync_host_sleepers() == N, "%d waiters sleep on one word", N);
	unsigned long before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, word, 0, 0) == KERN_SUCCESS, "wake-one succeeds");
	unsigned long woken = woken_since(before);
	bool first = gsync_host_last_woken() == thread_of(&waiters[0]);
	unsigned done = done_when(waiters, N, 1);
	CHECK(woken == 1 && first && done == 1 && is_done(&waiters[0]) &&
	          waiters[0].result == KERN_SUCCESS,
	      "wake-one woke exactly one waiter, the first to sleep, with KERN_SUCCESS "
	      "(%lu woken, %u returned)",
	      woken, done);
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, word, 0, 0) == KERN_SUCCESS && woken_since(before) == 1 &&
	          gsync_host_last_woken() == thread_of(&waiters[1]) &&
	          done_when(waiters, N, 2) == 2 && is_done(&waiters[1]),
	      "a second wake-one wakes the second waiter");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, word, 0, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == N - 2 && done_when(waiters, N, N) == N,
	      "GSYNC_BROADCAST wakes all the rest");
	join_all(waiters, N);
	bool all_success = true;
	for (unsigned i = 0; i < N; i++)
		all_success &= waiters[i].result == KERN_SUCCESS;
	CHECK(all_success && gsync_host_sleepers() == 0, "every waiter returned KERN_SUCCESS");
}

static void test_mutate_wakes(void)
{
	static struct waiter waiter;
	*word_at(40) = 0;
	uint64_t word = address_in(&task_a, 40);
	CHECK(start_waiter(&waiter, &task_a, word, 0, 0), "a waiter sleeps on 0");
	CHECK(gsync_wake_address(&task_a, word, 1, GSYNC_MUTATE) == KERN_SUCCESS &&
	          *word_at(40) == 1,
	      "GSYNC_MUTATE stores 1 and wakes it");
	pthread_join(waiter.pthread, NULL);
	CHECK(waiter.result == KERN_SUCCESS, "the waiter returned KERN_SUCCESS");
}

static void test_timed_waiter_woken(void)
{
	static struct waiter waiter;
	*word_at(44) = 0;
	uint64_t word = address_in(&task_a, 44);
	unsigned before = gsync_host_sleepers();
	waiter =
	    (struct waiter){.task = &task_a, .address = word, .msec = 10000, .flags = GSYNC_TIMED};
	bool started = pthread_create(&waiter.pthread, NULL, waiter_main, &waiter) == 0 &&
	               wait_for_sleepers(before + 1);
	CHECK(started && gsync_wake_address(&task_a, word, 0, 0) == KERN_SUCCESS,
	      "a timed waiter (10 s) is woken");
	pthread_join(waiter.pthread, NULL);
	CHECK(waiter.result == KERN_SUCCESS, "it returns KERN_SUCCESS, not KERN_TIMEDOUT");
}

static void test_interrupt(void)
{
	static struct waiter waiter;
	*word_at(48) = 0;
	uint64_t word = address_in(&task_a, 48);
	CHECK(start_waiter(&waiter, &task_a, word, 0, 0), "a waiter sleeps");
	gsync_host_interrupt(__atomic_load_n(&waiter.thread, __ATOMIC_ACQUIRE));
	pthread_join(waiter.pthread, NULL);
	CHECK(waiter.result == KERN_INTERRUPTED, "interrupted, it returns KERN_INTERRUPTED");
	CHECK(gsync_wake_address(&task_a, word, 0, 0) == KERN_INVALID_ARGUMENT,
	      "and has left the queue (a wake finds nobody)");
}

/* --- requeue --- */

static void test_requeue_all(void)
{
	enum { N = 3 };
	static struct waiter waiters[N];
	*word_at(64) = 0;
	*word_at(68) = 0;
	uint64_t from = address_in(&task_a, 64), to = address_in(&task_a, 68);
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= start_waiter(&waiters[i], &task_a, from, 0, 0);
	CHECK(started, "%d waiters sleep on a source word", N);
	unsigned long before = gsync_host_wakeups();
	CHECK(gsync_requeue_address(&task_a, from, to, false, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == 0 && count_done(waiters, N) == 0,
	      "requeue with GSYNC_BROADCAST wakes nobody");
	CHECK(gsync_wake_address(&task_a, from, 0, GSYNC_BROADCAST) == KERN_INVALID_ARGUMENT,
	      "the source word has no waiter left");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, to, 0, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == N && done_when(waiters, N, N) == N,
	      "waking the destination wakes all of them");
	join_all(waiters, N);
	CHECK(gsync_requeue_address(&task_a, from, to, true, GSYNC_BROADCAST) ==
	          KERN_INVALID_ARGUMENT,
	      "requeue from a word nobody waits on: KERN_INVALID_ARGUMENT");
}

static void test_requeue_wake_one(void)
{
	enum { N = 3 };
	static struct waiter waiters[N];
	*word_at(72) = 0;
	uint64_t from = address_in(&task_a, 72), to = address_in(&task_a, 76);
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= start_waiter(&waiters[i], &task_a, from, 0, 0);
	CHECK(started, "%d waiters sleep on a source word", N);
	unsigned long before = gsync_host_wakeups();
	CHECK(gsync_requeue_address(&task_a, from, to, true, 0) == KERN_SUCCESS &&
	          woken_since(before) == 1 && gsync_host_last_woken() == thread_of(&waiters[0]) &&
	          done_when(waiters, N, 1) == 1 && is_done(&waiters[0]),
	      "requeue with wake_one wakes the first waiter");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, to, 0, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == 1 && gsync_host_last_woken() == thread_of(&waiters[1]) &&
	          done_when(waiters, N, 2) == 2 && is_done(&waiters[1]),
	      "without GSYNC_BROADCAST it moved one waiter (the second)");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, from, 0, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == 1 && gsync_host_last_woken() == thread_of(&waiters[2]) &&
	          done_when(waiters, N, 3) == 3,
	      "the third stayed on the source word");
	join_all(waiters, N);
}

static void test_requeue_onto_itself(void)
{
	enum { N = 2 };
	static struct waiter waiters[N];
	*word_at(80) = 0;
	uint64_t word = address_in(&task_a, 80);
	bool started = true;
	for (unsigned i = 0; i < N; i++)
		started &= start_waiter(&waiters[i], &task_a, word, 0, 0);
	unsigned long before = gsync_host_wakeups();
	CHECK(started &&
	          gsync_requeue_address(&task_a, word, word, false, GSYNC_BROADCAST) ==
	              KERN_SUCCESS &&
	          woken_since(before) == 0 && count_done(waiters, N) == 0,
	      "requeue of a word onto itself ends and wakes nobody");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_a, word, 0, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          woken_since(before) == N && done_when(waiters, N, N) == N,
	      "its waiters are still there to be woken");
	join_all(waiters, N);
}

/* --- keys --- */

static void test_keys(void)
{
	static struct waiter waiter;
	*word_at(96) = 0;
	*(uint32_t *)(elsewhere + 96) = 0;
	uint64_t in_a = address_in(&task_a, 96), in_b = address_in(&task_b, 96);
	CHECK(in_a == address_in(&task_c, 96),
	      "tasks a and c use the same address, for other memory");

	CHECK(start_waiter(&waiter, &task_a, in_a, 0, 0), "a private waiter in task a");
	unsigned long before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_c, in_a, 0, GSYNC_BROADCAST) == KERN_INVALID_ARGUMENT &&
	          gsync_wake_address(&task_b, in_b, 0, GSYNC_BROADCAST) == KERN_INVALID_ARGUMENT &&
	          gsync_wake_address(&task_a, in_a, 0, GSYNC_BROADCAST | GSYNC_SHARED) ==
	              KERN_INVALID_ARGUMENT &&
	          woken_since(before) == 0 && !is_done(&waiter),
	      "private keys: another task's address, or a shared wake, does not wake it");
	CHECK(gsync_wake_address(&task_a, in_a, 0, 0) == KERN_SUCCESS, "its own task's wake does");
	pthread_join(waiter.pthread, NULL);

	CHECK(start_waiter(&waiter, &task_a, in_a, 0, GSYNC_SHARED), "a shared waiter in task a");
	before = gsync_host_wakeups();
	CHECK(gsync_wake_address(&task_c, in_a, 0, GSYNC_SHARED) == KERN_INVALID_ARGUMENT &&
	          gsync_wake_address(&task_b, in_b, 0, 0) == KERN_INVALID_ARGUMENT &&
	          gsync_wake_address(&task_a, in_a + 4, 0, GSYNC_SHARED) == KERN_INVALID_ARGUMENT &&
	          woken_since(before) == 0 && !is_done(&waiter),
	      "shared keys: other memory, a private wake or the next word does not wake it");
	CHECK(gsync_wake_address(&task_b, in_b, 0, GSYNC_SHARED) == KERN_SUCCESS,
	      "task b's shared wake at its own address for the same memory does");
	pthread_join(waiter.pthread, NULL);
	CHECK(waiter.result == KERN_SUCCESS, "the shared waiter returned KERN_SUCCESS");
}

/* --- races --- */

/* A futex-style mutex: 0 free, 1 held, 2 held with (possible) waiters. */
struct mutex_run {
	struct task *tasks[2];
	uint32_t *lock_word;
	unsigned offset;
	int flags;
	unsigned rounds;
	unsigned long *counter;
};

static void mutex_lock(struct task *task, uint64_t address, uint32_t *word, int flags)
{
	uint32_t seen = 0;
	if (__atomic_compare_exchange_n(word, &seen, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (seen != 2)
		seen = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	while (seen != 0) {
		(void)gsync_wait_address(task, address, 2, 0, 0, flags);
		seen = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	}
}

static void mutex_unlock(struct task *task, uint64_t address, uint32_t *word, int flags)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		(void)gsync_wake_address(task, address, 0, flags);
}

static struct mutex_run mutex_run;

static void *mutex_worker(void *argument)
{
	unsigned index = (unsigned)(uintptr_t)argument;
	struct task *task = mutex_run.tasks[index % 2];
	uint64_t address = address_in(task, mutex_run.offset);
	for (unsigned i = 0; i < mutex_run.rounds; i++) {
		mutex_lock(task, address, mutex_run.lock_word, mutex_run.flags);
		unsigned long value = *(volatile unsigned long *)mutex_run.counter;
		*(volatile unsigned long *)mutex_run.counter = value + 1;
		mutex_unlock(task, address, mutex_run.lock_word, mutex_run.flags);
	}
	return NULL;
}

static void run_mutex(const char *what, struct task *first, struct task *second, int flags)
{
	enum { THREADS = 4, ROUNDS = 25000 };
	static unsigned long counter;
	counter = 0;
	*word_at(128) = 0;
	mutex_run = (struct mutex_run){.tasks = {first, second},
	                               .lock_word = word_at(128),
	                               .offset = 128,
	                               .flags = flags,
	                               .rounds = ROUNDS,
	                               .counter = &counter};
	pthread_t threads[THREADS];
	for (unsigned i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, mutex_worker, (void *)(uintptr_t)i);
	for (unsigned i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	CHECK(counter == THREADS * ROUNDS && *word_at(128) == 0,
	      "%s: %d threads x %d increments under a gsync mutex = %lu", what, THREADS, ROUNDS,
	      counter);
}

/* Timed waits that time out while wakes arrive: every wake that reports a
 * waiter woken must be matched by exactly one waiter returning KERN_SUCCESS. */
static unsigned long race_successes;
static unsigned race_finished;

static void *racing_waiter(void *unused)
{
	(void)unused;
	uint64_t word = address_in(&task_a, 160);
	for (unsigned i = 0; i < 200; i++)
		if (gsync_wait_address(&task_a, word, 0, 0, 1, GSYNC_TIMED) == KERN_SUCCESS)
			__atomic_add_fetch(&race_successes, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&race_finished, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_wake_timeout_race(void)
{
	enum { WAITERS = 2 };
	*word_at(160) = 0;
	race_successes = 0;
	race_finished = 0;
	pthread_t threads[WAITERS];
	for (unsigned i = 0; i < WAITERS; i++)
		pthread_create(&threads[i], NULL, racing_waiter, NULL);
	unsigned long wakes = 0;
	uint64_t word = address_in(&task_a, 160);
	while (__atomic_load_n(&race_finished, __ATOMIC_ACQUIRE) < WAITERS)
		if (gsync_wake_address(&task_a, word, 0, 0) == KERN_SUCCESS)
			wakes++;
		else
			sched_yield();
	for (unsigned i = 0; i < WAITERS; i++)
		pthread_join(threads[i], NULL);
	CHECK(wakes == race_successes && wakes > 0,
	      "wakes racing timeouts: %lu wakes found a waiter, %lu waits returned KERN_SUCCESS",
	      wakes, race_successes);
}

int main(void)
{
	memory = aligned_alloc(4096, WINDOW);
	elsewhere = aligned_alloc(4096, WINDOW);
	uint8_t *read_only = aligned_alloc(4096, 4096);
	if (!memory || !elsewhere || !read_only)
		return 2;
	memset(memory, 0, WINDOW);
	memset(elsewhere, 0, WINDOW);
	task_a = (struct task){.base = memory, .origin = 0x10000, .size = WINDOW};
	task_b = (struct task){.base = memory, .origin = 0x7ff000, .size = WINDOW};
	task_c = (struct task){.base = elsewhere, .origin = 0x10000, .size = WINDOW};
	task_ro =
	    (struct task){.base = read_only, .origin = 0x20000, .size = 4096, .read_only = true};

	test_arguments();
	test_values();
	test_wake_without_waiters();
	test_fault_in();
	test_wake_one_and_all();
	test_mutate_wakes();
	test_timed_waiter_woken();
	test_interrupt();
	test_requeue_all();
	test_requeue_wake_one();
	test_requeue_onto_itself();
	test_keys();
	run_mutex("private keys", &task_a, &task_a, 0);
	run_mutex("shared keys, two tasks' views", &task_a, &task_b, GSYNC_SHARED);
	test_wake_timeout_race();

	free(read_only);
	free(elsewhere);
	free(memory);
	return tap_finish();
}
