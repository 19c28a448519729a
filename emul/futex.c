/* futex on gsync (gnumach.defs' gsync_wait/gsync_wake/gsync_requeue):
 * - WAIT, WAIT_BITSET: gsync_wait of the 32-bit word against val, GSYNC_TIMED
 *   with the time left in milliseconds (rounded up; waited again until the
 *   clock passes the deadline). WAIT's timeout is relative; WAIT_BITSET's is
 *   absolute on CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.
 *   Word differs: -EAGAIN; deadline passed: -ETIMEDOUT; thread_abort: -EINTR
 *   (no signal interrupts a wait yet); woken: 0 (possibly spuriously, as Linux
 *   allows).
 * - WAKE, WAKE_BITSET: gsync_wake of one waiter, n times for small n, or all
 *   (GSYNC_BROADCAST) from 64 on. gsync_wake is a one-way message, so the
 *   count of woken waiters is unknown: 0 is returned (glibc does not read it).
 * - Bitsets: any non-zero bitset is taken as FUTEX_BITSET_MATCH_ANY: a wake
 *   may wake waiters of other bitsets, which then see a spurious wake-up.
 * - REQUEUE, CMP_REQUEUE: wakes n, then gsync_requeue moves one waiter, or all
 *   (GSYNC_BROADCAST) when more than one is asked for. CMP_REQUEUE compares
 *   the word first, not atomically with the requeue (gsync_requeue compares
 *   nothing); glibc 2.36's condition variables use neither.
 * - Without FUTEX_PRIVATE_FLAG the key is the memory (GSYNC_SHARED); gsync's
 *   private and shared keys never meet, so a wait and its wake must agree on
 *   the flag, as glibc's always do.
 * - WAKE_OP, the PI operations and the rest: -ENOSYS, logged once.
 * A word that is misaligned is -EINVAL; unmapped, -EFAULT (a wake checks the
 * word's page first, through user_check_cache.h, since gsync_wake answers
 * nothing). */
#include <mach.h>
#include <wildebeest/gsync.h>
#include "clock.h"
#include "emul.h"
#include "futex.h"
#include "signal_internal.h"
#include "signal_wait.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "user_check_cache.h"

#define WAKE_ALL_FROM 64
#define NO_DEADLINE   INT64_MAX

static long result_of(kern_return_t result)
{
	switch (result) {
	case KERN_SUCCESS:
		return 0;
	case KERN_INVALID_ARGUMENT:
		return -LINUX_EAGAIN;
	case KERN_TIMEDOUT:
		return -LINUX_ETIMEDOUT;
	case KERN_INTERRUPTED:
		return -LINUX_EINTR;
	case KERN_INVALID_ADDRESS:
	case KERN_MEMORY_FAILURE:
		return -LINUX_EFAULT;
	default:
		return -LINUX_EINVAL;
	}
}

long emul_futex_wait(uint64_t address, uint32_t value, int64_t deadline_ns, bool shared)
{
	if (address & 3)
		return -LINUX_EINVAL;
	int flags = shared ? GSYNC_SHARED : 0;
	for (;;) {
		uint32_t ms = 0;
		if (deadline_ns != NO_DEADLINE) {
			int64_t now = emul_clock_monotonic_ns();
			if (now >= deadline_ns) {
				/* gsync's answer for a passed deadline, after its comparison */
				kern_return_t compared = gsync_wait(
				    mach_task_self(), address, value, 0, 0, flags | GSYNC_TIMED);
				return compared == KERN_TIMEDOUT ? -LINUX_ETIMEDOUT
				                                 : result_of(compared);
			}
			ms = emul_wait_ms_until(deadline_ns, now);
		}
		/* A signal ends the wait (-EINTR; SA_RESTART restarts it): thread_abort
		 * from the poster, and a look every EMUL_SIGNAL_POLL_MS. */
		if (!emul_signal_wait_begin())
			return -LINUX_EINTR;
		if (deadline_ns == NO_DEADLINE || ms > EMUL_SIGNAL_POLL_MS)
			ms = EMUL_SIGNAL_POLL_MS;
		kern_return_t result =
		    gsync_wait(mach_task_self(), address, value, 0, ms, flags | GSYNC_TIMED);
		emul_signal_wait_end();
		if (result == KERN_INTERRUPTED || result == KERN_TIMEDOUT) {
			if (emul_signal_interrupts())
				return -LINUX_EINTR;
			continue;
		}
		if (result != KERN_TIMEDOUT)
			return result_of(result);
		/* Timed out: the loop decides by the clock (a day-long slice may end first). */
	}
}

long emul_futex_wake(uint64_t address, uint64_t count, bool shared)
{
	if (address & 3)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok_cached(address, sizeof(uint32_t), VM_PROT_READ))
		return -LINUX_EFAULT;
	int flags = shared ? GSYNC_SHARED : 0;
	if (count >= WAKE_ALL_FROM)
		return result_of(gsync_wake(mach_task_self(), address, 0, flags | GSYNC_BROADCAST));
	for (uint64_t i = 0; i < count; i++) {
		kern_return_t result = gsync_wake(mach_task_self(), address, 0, flags);
		if (result != KERN_SUCCESS)
			return result_of(result);
	}
	return 0;
}

static long requeue(uint64_t source, uint64_t count_wake, uint64_t count_requeue,
                    uint64_t destination, bool shared)
{
	if ((source & 3) || (destination & 3))
		return -LINUX_EINVAL;
	if (count_requeue == 0 || count_wake > 0) {
		/* All but the last wake go first; the last rides on gsync_requeue. */
		uint64_t before = count_requeue == 0 ? count_wake : count_wake - 1;
		long result = emul_futex_wake(source, before, shared);
		if (result < 0 || count_requeue == 0)
			return result;
	}
	int flags = (shared ? GSYNC_SHARED : 0) | (count_requeue > 1 ? GSYNC_BROADCAST : 0);
	return result_of(
	    gsync_requeue(mach_task_self(), source, destination, count_wake > 0, flags));
}

static long timeout_deadline(uint64_t address, bool absolute, bool realtime, int64_t *deadline)
{
	*deadline = NO_DEADLINE;
	if (!address)
		return 0;
	int64_t value;
	long result = emul_timespec_from_user(address, &value);
	if (result < 0)
		return result;
	if (!absolute) {
		int64_t now = emul_clock_monotonic_ns();
		*deadline = value > NO_DEADLINE - 1 - now ? NO_DEADLINE - 1 : now + value;
	} else if (realtime) {
		int64_t offset = emul_clock_realtime_ns() - emul_clock_monotonic_ns();
		*deadline = value > offset ? value - offset : 0;
	} else {
		*deadline = value == NO_DEADLINE ? NO_DEADLINE - 1 : value;
	}
	return 0;
}

long emul_sys_futex(struct emul_frame *frame)
{
	uint64_t address = frame->rdi;
	int operation = (int)frame->rsi;
	uint32_t value = (uint32_t)frame->rdx;
	bool shared = !(operation & LINUX_FUTEX_PRIVATE_FLAG);
	bool realtime = (operation & LINUX_FUTEX_CLOCK_REALTIME) != 0;
	int command = operation & LINUX_FUTEX_COMMAND_MASK;
	if (realtime && command != LINUX_FUTEX_WAIT && command != LINUX_FUTEX_WAIT_BITSET)
		return -LINUX_ENOSYS; /* as Linux: the flag only means something to waits */
	switch (command) {
	case LINUX_FUTEX_WAIT:
	case LINUX_FUTEX_WAIT_BITSET: {
		bool bitset = command == LINUX_FUTEX_WAIT_BITSET;
		if (bitset && (uint32_t)frame->r9 == 0)
			return -LINUX_EINVAL;
		int64_t deadline;
		long result = timeout_deadline(frame->r10, bitset, realtime, &deadline);
		if (result < 0)
			return result;
		return emul_futex_wait(address, value, deadline, shared);
	}
	case LINUX_FUTEX_WAKE:
	case LINUX_FUTEX_WAKE_BITSET:
		if (command == LINUX_FUTEX_WAKE_BITSET && (uint32_t)frame->r9 == 0)
			return -LINUX_EINVAL;
		return emul_futex_wake(address, value, shared);
	case LINUX_FUTEX_REQUEUE:
	case LINUX_FUTEX_CMP_REQUEUE: {
		/* val: how many to wake; the timeout slot (r10) carries how many to move. */
		if ((int32_t)value < 0 || (int64_t)frame->r10 < 0)
			return -LINUX_EINVAL;
		if (command == LINUX_FUTEX_CMP_REQUEUE) {
			uint32_t current;
			if (address & 3)
				return -LINUX_EINVAL;
			long result = emul_copy_from_user(&current, address, sizeof(current));
			if (result < 0)
				return result;
			if (current != (uint32_t)frame->r9)
				return -LINUX_EAGAIN;
		}
		return requeue(address, value, frame->r10, frame->r8, shared);
	}
	default: {
		static volatile int reported;
		if (!__atomic_exchange_n(&reported, 1, __ATOMIC_RELAXED))
			emul_log("futex operation %d is not implemented (ENOSYS)", command);
		return -LINUX_ENOSYS;
	}
	}
}
