/* nanosleep and clock_nanosleep: a timed gsync_wait on a word nobody wakes,
 * repeated until the monotonic clock passes the deadline (so never early;
 * late by the kernel's timer latency, about a millisecond). Relative sleeps
 * and TIMER_ABSTIME on REALTIME, MONOTONIC and BOOTTIME; an absolute real-time
 * deadline becomes a monotonic one when the call starts (no clock is ever set
 * yet). -EINTR (and the time left, for relative sleeps) if the thread is
 * interrupted by thread_abort; no signal interrupts it yet. */
#include "clock.h"
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"

static long sleep_relative(uint64_t request, uint64_t remaining)
{
	int64_t length;
	long result = emul_timespec_from_user(request, &length);
	if (result < 0)
		return result;
	int64_t start = emul_clock_monotonic_ns();
	int64_t deadline = length > INT64_MAX - start ? INT64_MAX : start + length;
	result = emul_sleep_until(deadline);
	if (result == -LINUX_EINTR && remaining) {
		int64_t now = emul_clock_monotonic_ns();
		(void)emul_timespec_to_user(remaining, now < deadline ? deadline - now : 0);
	}
	return result;
}

long emul_sys_nanosleep(struct emul_frame *frame)
{
	return sleep_relative(frame->rdi, frame->rsi);
}

long emul_sys_clock_nanosleep(struct emul_frame *frame)
{
	int64_t clock = (int64_t)frame->rdi;
	uint64_t flags = frame->rsi;
	bool realtime = clock == LINUX_CLOCK_REALTIME;
	if (!realtime && clock != LINUX_CLOCK_MONOTONIC && clock != LINUX_CLOCK_BOOTTIME)
		return -LINUX_EINVAL;
	if (!(flags & LINUX_TIMER_ABSTIME))
		return sleep_relative(frame->rdx, frame->r10);
	int64_t until;
	long result = emul_timespec_from_user(frame->rdx, &until);
	if (result < 0)
		return result;
	if (realtime) {
		int64_t offset = emul_clock_realtime_ns() - emul_clock_monotonic_ns();
		until = until > offset ? until - offset : 0;
	}
	return emul_sleep_until(until);
}
