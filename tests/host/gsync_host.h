/* Host stand-ins for what kern/gsync.c needs (gsync_sleep.h, vm/gsync_memory.h):
 * threads are pthreads that sleep on a condition variable, a task is a window
 * of host memory seen at its own "user" addresses. */
#ifndef WB_TEST_GSYNC_HOST_H
#define WB_TEST_GSYNC_HOST_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A task: user addresses [origin, origin + size) are host memory at base.
 * Two tasks with the same base share that memory at their own origins. */
struct task {
	uint8_t *base;
	uint64_t origin;
	size_t size;
	/* Read-only: writes fail (the word cannot be mutated). */
	bool read_only;
	/* The next nofault_misses *_nofault accesses fail as if not resident;
	 * fault_in_fails makes gsync_fault_in fail too. Both atomic. */
	unsigned nofault_misses;
	bool fault_in_fails;
	unsigned fault_ins; /* gsync_fault_in calls, counted */
};

/* A thread as gsync_sleep.h sees it: every pthread that calls gsync gets one. */
struct thread {
	pthread_mutex_t lock;
	pthread_cond_t wakeup;
	bool asleep;
	bool interrupt_pending;
};

/* The calling pthread's thread. */
struct thread *gsync_host_self(void);
/* As thread_abort: ends the thread's sleep with GSYNC_SLEEP_INTERRUPTED (or
 * its next one, if it is not asleep yet). */
void gsync_host_interrupt(struct thread *thread);
/* Threads inside gsync_sleep now (each counted before it releases the lock). */
unsigned gsync_host_sleepers(void);
/* gsync_wakeup calls so far (each counted before it returns), and the thread
 * the latest one woke: what a wake did, known when the wake returns. */
unsigned long gsync_host_wakeups(void);
struct thread *gsync_host_last_woken(void);
/* The user address of host memory in task. */
static inline uint64_t gsync_host_user_address(const struct task *task, const void *host)
{
	return task->origin + (uint64_t)((const uint8_t *)host - task->base);
}

#endif
