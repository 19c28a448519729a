/* gsync: futex-like waiting on a word of user memory, behind gnumach.defs'
 * gsync_wait, gsync_wake and gsync_requeue (kserver/gsync_routines.c). Flags
 * are <wildebeest/gsync.h>'s; the semantics are docs/ARCHITECTURE.md's "gsync". */
#ifndef WB_KERN_GSYNC_H
#define WB_KERN_GSYNC_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>

struct task;

/* Sleeps while the word at address in task holds low (with GSYNC_QUAD, the
 * 64-bit word holds high << 32 | low) until a gsync_wake_address of its key.
 * KERN_INVALID_TASK (no task), KERN_INVALID_ADDRESS (misaligned or unmapped),
 * KERN_INVALID_ARGUMENT (the value differs), KERN_TIMEDOUT (GSYNC_TIMED, after
 * msec), KERN_INTERRUPTED (thread_abort, termination), KERN_SUCCESS (woken). */
kern_return_t gsync_wait_address(struct task *task, uint64_t address, uint32_t low, uint32_t high,
                                 uint32_t msec, int flags);
/* Wakes the first waiter of address's key (all with GSYNC_BROADCAST), having
 * stored value there first with GSYNC_MUTATE. KERN_INVALID_ARGUMENT if no
 * thread was woken (a store done still stands). */
kern_return_t gsync_wake_address(struct task *task, uint64_t address, uint32_t value, int flags);
/* Wakes the first waiter of source's key if wake_one, then moves the next one
 * (all with GSYNC_BROADCAST) to destination's key. KERN_INVALID_ARGUMENT if
 * source had no waiter. */
kern_return_t gsync_requeue_address(struct task *task, uint64_t source, uint64_t destination,
                                    bool wake_one, int flags);

#endif
