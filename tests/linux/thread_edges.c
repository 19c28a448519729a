/* Edge cases of the emulator's futex, thread and clock calls, made directly
 * with syscall(2) where glibc would hide them (tests/system/linux_runtime.t
 * runs it; it passes on Linux too): futex errors (EAGAIN, ETIMEDOUT relative
 * and absolute, EINVAL, EFAULT), a wake reaching a waiter,
 * bad pointers and timespecs, gettid, sched_getaffinity, a robust mutex whose
 * owner died, and the last thread's exit ending the process with its status
 * (exit status 5 is success: the main thread leaves first). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "linux_tap.h"

#define LAST_THREAD_STATUS 5

static unsigned failures;

static void check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	failures += !linux_tap_check(passed, format, arguments);
	va_end(arguments);
}

static long futex(void *word, int operation, uint32_t value, const struct timespec *timeout,
                  void *word2, uint32_t value3)
{
	return syscall(SYS_futex, word, operation, value, timeout, word2, value3);
}

/* The call's errno, or 0 when it succeeded. */
static int error_of(long result)
{
	return result == -1 ? errno : 0;
}

static void check_futex_errors(void)
{
	static uint32_t word = 1;
	struct timespec short_wait = {0, 20 * 1000 * 1000}, bad = {0, 1000000000};
	check(error_of(futex(&word, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0)) == EAGAIN,
	      "FUTEX_WAIT on a word that differs is EAGAIN");
	struct timespec before, after;
	clock_gettime(CLOCK_MONOTONIC, &before);
	int timed = error_of(futex(&word, FUTEX_WAIT_PRIVATE, 1, &short_wait, NULL, 0));
	clock_gettime(CLOCK_MONOTONIC, &after);
	long waited_ms =
	    (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
	/* Accuracy is runtime_test's business (medians); here: not early, not lost. */
	check(timed == ETIMEDOUT && waited_ms >= 20 && waited_ms < 1000,
	      "FUTEX_WAIT with a 20 ms timeout is ETIMEDOUT after %ld ms", waited_ms);
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 20 * 1000 * 1000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	check(error_of(futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &deadline,
	                     NULL, FUTEX_BITSET_MATCH_ANY)) == ETIMEDOUT,
	      "FUTEX_WAIT_BITSET with an absolute CLOCK_REALTIME deadline is ETIMEDOUT");
	check(error_of(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, &short_wait, NULL, 0)) == EINVAL,
	      "FUTEX_WAIT_BITSET with bitset 0 is EINVAL");
	check(error_of(futex(&word, FUTEX_WAIT_PRIVATE, 1, &bad, NULL, 0)) == EINVAL,
	      "FUTEX_WAIT with a timespec of 10^9 ns is EINVAL");
	check(error_of(futex((char *)&word + 1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)) == EINVAL,
	      "a misaligned futex word is EINVAL");
	void *volatile unmapped = (void *)16;
	check(error_of(futex(unmapped, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0)) == EFAULT,
	      "FUTEX_WAIT on an unmapped word is EFAULT");
	check(error_of(futex(unmapped, FUTEX_WAKE, 1, NULL, NULL, 0)) == EFAULT,
	      "FUTEX_WAKE on an unmapped word is EFAULT");
	check(error_of(futex(&word, FUTEX_WAIT_PRIVATE, 1, unmapped, NULL, 0)) == EFAULT,
	      "FUTEX_WAIT with an unmapped timespec is EFAULT");
	check(error_of(futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &word, 7)) == EAGAIN,
	      "FUTEX_CMP_REQUEUE with a value that differs is EAGAIN");
}

static uint32_t handoff_word;

static void *waker_main(void *argument)
{
	(void)argument;
	struct timespec pause = {0, 30 * 1000 * 1000};
	nanosleep(&pause, NULL);
	__atomic_store_n(&handoff_word, 1, __ATOMIC_SEQ_CST);
	futex(&handoff_word, FUTEX_WAKE, 1, NULL, NULL, 0);
	return NULL;
}

static void check_wake_and_ids(void)
{
	pthread_t waker;
	bool created = pthread_create(&waker, NULL, waker_main, NULL) == 0;
	struct timespec limit = {5, 0};
	long result = 0;
	while (created && __atomic_load_n(&handoff_word, __ATOMIC_SEQ_CST) == 0 && result == 0)
		result = futex(&handoff_word, FUTEX_WAIT, 0, &limit, NULL, 0);
	check(created && handoff_word == 1 && (result == 0 || errno == EAGAIN),
	      "a shared FUTEX_WAKE from another thread ends a shared FUTEX_WAIT");
	if (created)
		pthread_join(waker, NULL);
	check(syscall(SYS_gettid) == getpid(), "the main thread's tid is the process id");
	cpu_set_t set;
	CPU_ZERO(&set);
	int affinity = sched_getaffinity(0, sizeof(set), &set), cpus = CPU_COUNT(&set);
	check(affinity == 0 && cpus >= 1 && CPU_ISSET(0, &set),
	      "sched_getaffinity gives a mask with CPU 0 and %d in all", cpus);
	cpu_set_t empty;
	CPU_ZERO(&empty);
	check(affinity == 0 && sched_setaffinity(0, sizeof(set), &set) == 0,
	      "sched_setaffinity to the mask sched_getaffinity gave is accepted");
	check(error_of(sched_setaffinity(0, sizeof(empty), &empty)) == EINVAL,
	      "sched_setaffinity to no CPU at all is EINVAL");
	check(sched_yield() == 0, "sched_yield returns 0");
	void *volatile unmapped = (void *)16;
	check(error_of(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, unmapped)) == EFAULT,
	      "clock_gettime into an unmapped timespec is EFAULT");
	check(error_of(syscall(SYS_nanosleep, unmapped, NULL)) == EFAULT,
	      "nanosleep of an unmapped timespec is EFAULT");
	check(error_of(syscall(SYS_set_robust_list, NULL, 7)) == EINVAL,
	      "set_robust_list with a length other than 24 is EINVAL");
	check(error_of(syscall(SYS_clone3, NULL, 8)) == EINVAL,
	      "clone3 with a size of 8 is EINVAL");
}

static pthread_mutex_t robust_mutex;

static void *robust_owner_main(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&robust_mutex);
	return (void *)syscall(SYS_gettid); /* exits holding the mutex */
}

static void check_robust_mutex(void)
{
	pthread_mutexattr_t attributes;
	pthread_mutexattr_init(&attributes);
	pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust_mutex, &attributes);
	pthread_t owner;
	void *owner_tid = NULL;
	bool ran = pthread_create(&owner, NULL, robust_owner_main, NULL) == 0 &&
	           pthread_join(owner, &owner_tid) == 0;
	check(ran && (pid_t)(intptr_t)owner_tid != getpid(),
	      "a second thread has a tid of its own (%ld)", (long)(intptr_t)owner_tid);
	int locked = pthread_mutex_lock(&robust_mutex);
	check(locked == EOWNERDEAD,
	      "a robust mutex whose owner exited holding it locks with EOWNERDEAD (%d)", locked);
	if (locked == EOWNERDEAD)
		pthread_mutex_consistent(&robust_mutex);
	pthread_mutex_unlock(&robust_mutex);
}

#define CHURN_THREADS 200

static void *churn_main(void *argument)
{
	return (void *)((uintptr_t)argument * 3);
}

/* Threads made and ended one after another (joined, and detached): each
 * ended thread's emulator block must be reused or freed, never leaked into
 * a failure to create the next. */
static void check_thread_churn(void)
{
	unsigned joined = 0, detached = 0;
	for (uintptr_t i = 0; i < CHURN_THREADS; i++) {
		pthread_t thread;
		void *result = NULL;
		if (pthread_create(&thread, NULL, churn_main, (void *)i) != 0)
			break;
		if (i % 2 == 0)
			detached += pthread_detach(thread) == 0;
		else if (pthread_join(thread, &result) == 0 && result == (void *)(i * 3))
			joined++;
	}
	check(joined == CHURN_THREADS / 2 && detached == CHURN_THREADS / 2,
	      "%u threads made and ended one after another (%u joined, %u detached)", CHURN_THREADS,
	      joined, detached);
}

static void *last_thread_main(void *argument)
{
	(void)argument;
	struct timespec pause = {0, 50 * 1000 * 1000};
	nanosleep(&pause, NULL);
	check(failures == 0, "the main thread left first; the last thread exits with status %d",
	      LAST_THREAD_STATUS);
	syscall(SYS_exit, failures == 0 ? LAST_THREAD_STATUS : 1);
	return NULL;
}

int main(void)
{
	check_futex_errors();
	check_wake_and_ids();
	check_robust_mutex();
	check_thread_churn();
	pthread_t last;
	if (pthread_create(&last, NULL, last_thread_main, NULL) != 0)
		return 1;
	syscall(SYS_exit, 0); /* the main thread only: the process goes on */
	return 1;
}
