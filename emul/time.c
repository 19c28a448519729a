/* clock_gettime, clock_getres, gettimeofday, time (clock.h's clocks).
 * REALTIME (and its COARSE, ALARM and TAI forms: no leap seconds are kept) is
 * the time page's real time; MONOTONIC, MONOTONIC_RAW, BOOTTIME (and its ALARM
 * form: the machine never suspends) and MONOTONIC_COARSE are its monotonic
 * time. The CPU-time clocks are approximations: THREAD_CPUTIME_ID is the
 * kernel's tick count of the thread (thread_info, 10 ms steps) and
 * PROCESS_CPUTIME_ID the task's (task_info of live and ended threads). */
#include <mach.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include "clock.h"
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"

static int64_t time_value_ns(const time_value_t *time)
{
	return (int64_t)time->seconds * EMUL_NS_PER_SECOND + (int64_t)time->microseconds * 1000;
}

static long thread_cpu_ns(int64_t *nanoseconds)
{
	struct thread_basic_info info;
	mach_msg_type_number_t count = THREAD_BASIC_INFO_COUNT;
	if (thread_info(emul_thread_self()->thread_port, THREAD_BASIC_INFO, (thread_info_t)&info,
	                &count) != KERN_SUCCESS)
		return -LINUX_EINVAL;
	*nanoseconds = time_value_ns(&info.user_time) + time_value_ns(&info.system_time);
	return 0;
}

static long process_cpu_ns(int64_t *nanoseconds)
{
	struct task_basic_info basic;
	struct task_thread_times_info live;
	mach_msg_type_number_t basic_count = TASK_BASIC_INFO_COUNT;
	mach_msg_type_number_t live_count = TASK_THREAD_TIMES_INFO_COUNT;
	if (task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&basic, &basic_count) !=
	    KERN_SUCCESS)
		return -LINUX_EINVAL;
	*nanoseconds = time_value_ns(&basic.user_time) + time_value_ns(&basic.system_time);
	if (task_info(mach_task_self(), TASK_THREAD_TIMES_INFO, (task_info_t)&live, &live_count) ==
	    KERN_SUCCESS)
		*nanoseconds += time_value_ns(&live.user_time) + time_value_ns(&live.system_time);
	return 0;
}

/* The clock's time now, or -EINVAL for a clock that is not one of these. */
static long clock_now_ns(int64_t clock, int64_t *nanoseconds)
{
	switch (clock) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_REALTIME_ALARM:
	case LINUX_CLOCK_TAI:
		*nanoseconds = emul_clock_realtime_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_MONOTONIC_COARSE:
	case LINUX_CLOCK_BOOTTIME:
	case LINUX_CLOCK_BOOTTIME_ALARM:
		*nanoseconds = emul_clock_monotonic_ns();
		return 0;
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
		return thread_cpu_ns(nanoseconds);
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
		return process_cpu_ns(nanoseconds);
	default: /* negative ids name other processes' and threads' CPU clocks */
		return -LINUX_EINVAL;
	}
}

long emul_sys_clock_gettime(struct emul_frame *frame)
{
	int64_t now;
	long result = clock_now_ns((int64_t)frame->rdi, &now);
	if (result < 0)
		return result;
	return emul_timespec_to_user(frame->rsi, now);
}

long emul_sys_clock_getres(struct emul_frame *frame)
{
	int64_t clock = (int64_t)frame->rdi, resolution;
	switch (clock) {
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_MONOTONIC_COARSE:
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
		resolution = emul_clock_tick_ns();
		break;
	default: {
		int64_t unused;
		if (clock < 0 || clock_now_ns(clock, &unused) < 0)
			return -LINUX_EINVAL;
		resolution = 1; /* the TSC's cycles, rounded to what a timespec holds */
	}
	}
	return frame->rsi ? emul_timespec_to_user(frame->rsi, resolution) : 0;
}

long emul_sys_gettimeofday(struct emul_frame *frame)
{
	if (frame->rdi) {
		int64_t now = emul_clock_realtime_ns();
		struct linux_timeval time = {now / EMUL_NS_PER_SECOND,
		                             now % EMUL_NS_PER_SECOND / 1000};
		long result = emul_copy_to_user(frame->rdi, &time, sizeof(time));
		if (result < 0)
			return result;
	}
	if (frame->rsi) {
		struct linux_timezone zone = {0, 0}; /* UTC: the kernel keeps no zone */
		return emul_copy_to_user(frame->rsi, &zone, sizeof(zone));
	}
	return 0;
}

long emul_sys_time(struct emul_frame *frame)
{
	int64_t seconds = emul_clock_realtime_ns() / EMUL_NS_PER_SECOND;
	if (frame->rdi) {
		long result = emul_copy_to_user(frame->rdi, &seconds, sizeof(seconds));
		if (result < 0)
			return result;
	}
	return seconds;
}
