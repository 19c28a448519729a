/* gsync test under load: threads (spread over the CPUs) take turns through a
 * futex-style mutex built on gsync_wait/gsync_wake and increment a counter;
 * the final count must be exact. A holder now and then yields the CPU with
 * the mutex held, and the first holder keeps it until another thread is on its
 * way into gsync_wait, so that the mutex is contended however loaded the host. */
#include "gsync_test.h"

enum { MUTEX_THREADS = 4, MUTEX_ROUNDS = 25000 };

/* 0: free; 1: held; 2: held, and someone may be waiting. */
static volatile uint32_t lock_word;
static volatile unsigned long counter;
static volatile uint32_t workers_done;
static uint32_t sleeps;    /* gsync_wait calls that slept or found the word changed */
static uint32_t waiting;   /* mutex_lock calls about to call gsync_wait */
static uint32_t held_once; /* a holder has waited for contention (once a run) */
static int mutex_flags;

static void mutex_lock(mach_port_t self)
{
	uint32_t seen = 0;
	if (__atomic_compare_exchange_n(&lock_word, &seen, 1, false, __ATOMIC_ACQUIRE,
	                                __ATOMIC_RELAXED))
		return;
	if (seen != 2)
		seen = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	while (seen != 0) {
		__atomic_add_fetch(&waiting, 1, __ATOMIC_RELEASE);
		(void)gsync_wait(self, (vm_address_t)&lock_word, 2, 0, 0, mutex_flags);
		__atomic_add_fetch(&sleeps, 1, __ATOMIC_RELAXED);
		seen = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	}
}

static void mutex_unlock(mach_port_t self)
{
	if (__atomic_exchange_n(&lock_word, 0, __ATOMIC_RELEASE) == 2)
		(void)gsync_wake(self, (vm_address_t)&lock_word, 0, mutex_flags);
}

/* With the mutex held: yields the CPU until another thread has stored 2 in the
 * word and is going into gsync_wait (so this holder's unlock must wake it), a
 * few times more so that it is most likely asleep there, and gives up after
 * 10 s (a mutex that never calls gsync_wait then fails the contention check). */
static void hold_until_contended(void)
{
	uint64_t give_up = gsync_clock_ms() + 10000;
	while (__atomic_load_n(&waiting, __ATOMIC_ACQUIRE) == 0 && gsync_clock_ms() < give_up)
		(void)swtch();
	for (unsigned i = 0; i < 8; i++)
		(void)swtch();
}

static void worker(uint64_t rounds)
{
	mach_port_t self = mach_task_self();
	for (uint64_t i = 0; i < rounds; i++) {
		mutex_lock(self);
		counter = counter + 1;
		if (i == 0 && !__atomic_exchange_n(&held_once, 1, __ATOMIC_ACQ_REL))
			hold_until_contended();
		else if (i % 32 == 0)
			(void)swtch();
		mutex_unlock(self);
	}
	__atomic_add_fetch(&workers_done, 1, __ATOMIC_RELEASE);
}

static void run(const char *what, int flags)
{
	lock_word = 0;
	counter = 0;
	workers_done = 0;
	sleeps = 0;
	waiting = 0;
	held_once = 0;
	mutex_flags = flags;
	uint64_t start = gsync_clock_ms();
	unsigned started = 0;
	for (unsigned i = 0; i < MUTEX_THREADS; i++)
		started += gsync_thread_start(worker, MUTEX_ROUNDS) == KERN_SUCCESS;
	uint64_t give_up = start + 60000;
	while (workers_done < started && gsync_clock_ms() < give_up)
		ipc_pause_ms(5);
	uint64_t elapsed = gsync_clock_ms() - start;
	print("# %s: %u gsync_wait calls, %lu ms\n", what, sleeps, (unsigned long)elapsed);
	check(started == MUTEX_THREADS && workers_done == MUTEX_THREADS &&
	          counter == (unsigned long)MUTEX_THREADS * MUTEX_ROUNDS && lock_word == 0,
	      "%s: %u threads x %u increments under a gsync mutex make %lu", what, MUTEX_THREADS,
	      MUTEX_ROUNDS, counter);
	check(sleeps > 0, "%s: the mutex was contended (%u gsync_wait calls)", what, sleeps);
}

void gsync_test_mutex(void)
{
	run("private", 0);
	run("GSYNC_SHARED", GSYNC_SHARED);
}
