/* alarm, setitimer and getitimer: ITIMER_REAL on the monotonic clock, run by
 * the service thread (signal_service.c), which posts SIGALRM to the process.
 * ITIMER_VIRTUAL and ITIMER_PROF are -EINVAL (no CPU-time timers). */
#include <mach.h>
#include "clock.h"
#include "signal_internal.h"
#include "syscalls.h"

#define LINUX_ITIMER_REAL 0
#define US_PER_SECOND     1000000ll

struct linux_itimerval {
	struct linux_timeval interval, value;
};

static int64_t remaining_ns(int64_t deadline)
{
	if (!deadline)
		return 0;
	int64_t now = emul_clock_monotonic_ns();
	return deadline > now ? deadline - now : 1000; /* due: not zero, or it looks disarmed */
}

static struct linux_timeval timeval_of(int64_t ns)
{
	/* rounded up to the microsecond, as Linux does, so armed is never 0 */
	int64_t us = (ns + 999) / 1000;
	return (struct linux_timeval){us / US_PER_SECOND, us % US_PER_SECOND};
}

static bool ns_of(const struct linux_timeval *value, int64_t *ns)
{
	if (value->seconds < 0 || value->microseconds < 0 || value->microseconds >= US_PER_SECOND)
		return false;
	if (value->seconds > INT64_MAX / EMUL_NS_PER_SECOND - 1)
		*ns = INT64_MAX / 2;
	else
		*ns = value->seconds * EMUL_NS_PER_SECOND + value->microseconds * 1000;
	return true;
}

static long set_timer(int64_t value_ns, int64_t interval_ns, struct linux_itimerval *old)
{
	int64_t deadline = 0;
	if (value_ns) {
		int64_t now = emul_clock_monotonic_ns();
		deadline = value_ns > INT64_MAX - now ? INT64_MAX : now + value_ns;
	}
	int64_t old_deadline, old_interval;
	emul_signal_timer_set(deadline, value_ns ? interval_ns : 0, &old_deadline, &old_interval);
	old->value = timeval_of(remaining_ns(old_deadline));
	old->interval = timeval_of(old_interval);
	return 0;
}

long emul_sys_alarm(struct emul_frame *frame)
{
	uint64_t seconds = frame->rdi & 0xffffffffu;
	struct linux_itimerval old;
	(void)set_timer((int64_t)seconds * EMUL_NS_PER_SECOND, 0, &old);
	/* The seconds left of the previous alarm, rounded to nearest (at least 1). */
	if (!old.value.seconds && !old.value.microseconds)
		return 0;
	int64_t left = old.value.seconds + (old.value.microseconds >= 500000);
	return left ? left : 1;
}

long emul_sys_setitimer(struct emul_frame *frame)
{
	if (frame->rdi != LINUX_ITIMER_REAL)
		return -LINUX_EINVAL;
	struct linux_itimerval wanted = {{0, 0}, {0, 0}}, old;
	if (frame->rsi) {
		long copied = emul_copy_from_user(&wanted, frame->rsi, sizeof(wanted));
		if (copied < 0)
			return copied;
	}
	int64_t value, interval;
	if (!ns_of(&wanted.value, &value) || !ns_of(&wanted.interval, &interval))
		return -LINUX_EINVAL;
	if (frame->rdx && !emul_user_range_ok(frame->rdx, sizeof(old), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	(void)set_timer(value, interval, &old);
	return frame->rdx ? emul_copy_to_user(frame->rdx, &old, sizeof(old)) : 0;
}

long emul_sys_getitimer(struct emul_frame *frame)
{
	if (frame->rdi != LINUX_ITIMER_REAL)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(frame->rsi, sizeof(struct linux_itimerval), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	int64_t deadline, interval;
	emul_signal_timer_get(&deadline, &interval);
	struct linux_itimerval now = {timeval_of(interval), timeval_of(remaining_ns(deadline))};
	return emul_copy_to_user(frame->rsi, &now, sizeof(now));
}
