/* What gsync (gsync.c) needs from the thread system: sleeping with a lock
 * handed over, waking, a clock. Narrow so that gsync.c also builds in the host
 * unit tests, whose tests/host/gsync_host.c implements it with pthreads. */
#ifndef WB_KERN_GSYNC_SLEEP_H
#define WB_KERN_GSYNC_SLEEP_H

#include <stdint.h>
#include "kern/spinlock.h"

struct thread;

enum gsync_sleep_result {
	GSYNC_SLEEP_WOKEN,       /* gsync_wakeup, or spuriously */
	GSYNC_SLEEP_TIMED_OUT,   /* the deadline passed */
	GSYNC_SLEEP_INTERRUPTED, /* thread_abort, or the thread is being terminated */
};

#define GSYNC_NO_DEADLINE UINT64_MAX

struct thread *gsync_current_thread(void);
/* Milliseconds on a clock that never goes back; deadlines are on it. */
uint64_t gsync_now_ms(void);
/* Called holding *held with interrupts disabled, once the caller can be found
 * (and woken) by anyone taking *held. Marks the caller asleep, releases *held
 * and sleeps until gsync_wakeup, an interruption or deadline_ms (or
 * GSYNC_NO_DEADLINE). Returns with *held released and interrupts still
 * disabled. An interruption already pending returns at once. */
enum gsync_sleep_result gsync_sleep(spinlock_t *held, uint64_t deadline_ms);
/* Wakes thread out of gsync_sleep; called holding the lock the sleeper handed
 * over (so the sleeper is asleep, or running and not yet past that lock). */
void gsync_wakeup(struct thread *thread);

#endif
