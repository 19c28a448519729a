/* Clocks and sleeps: CLOCK_MONOTONIC never goes back over many reads, real
 * time is after 2024 and agrees with gettimeofday and time; nanosleep and
 * clock_nanosleep (relative and absolute) of 20 to 50 ms, measured with
 * CLOCK_MONOTONIC, end no earlier than asked and within 10 ms of it (median). */
#include "runtime_test.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

#define NS_PER_S          1000000000ll
#define NS_PER_MS         1000000ll
#define YEAR_2024_SECONDS 1704067200ll
#define READS             200000

static int64_t ns_of(const struct timespec *time)
{
	return (int64_t)time->tv_sec * NS_PER_S + time->tv_nsec;
}

static int64_t now_ns(clockid_t clock)
{
	struct timespec time = {0, 0};
	clock_gettime(clock, &time);
	return ns_of(&time);
}

bool runtime_test_clocks(void)
{
	int64_t previous = now_ns(CLOCK_MONOTONIC), backwards = 0;
	for (unsigned i = 0; i < READS; i++) {
		int64_t now = now_ns(CLOCK_MONOTONIC);
		backwards += now < previous;
		previous = now;
	}
	bool ok = runtime_check(backwards == 0, "%u CLOCK_MONOTONIC reads never go back (%lld did)",
	                        READS, (long long)backwards);
	struct timespec real, resolution = {0, 0};
	struct timeval day;
	int real_result = clock_gettime(CLOCK_REALTIME, &real);
	int day_result = gettimeofday(&day, NULL);
	time_t seconds = time(NULL);
	ok &= runtime_check(real_result == 0 && real.tv_sec > YEAR_2024_SECONDS &&
	                        real.tv_nsec >= 0 && real.tv_nsec < NS_PER_S,
	                    "CLOCK_REALTIME is after 2024 (%lld s)", (long long)real.tv_sec);
	ok &= runtime_check(day_result == 0 && day.tv_sec - real.tv_sec <= 1 &&
	                        day.tv_sec >= real.tv_sec && seconds - real.tv_sec <= 1 &&
	                        seconds >= real.tv_sec,
	                    "gettimeofday and time agree with CLOCK_REALTIME");
	static const clockid_t others[] = {CLOCK_MONOTONIC_COARSE,   CLOCK_REALTIME_COARSE,
	                                   CLOCK_BOOTTIME,           CLOCK_MONOTONIC_RAW,
	                                   CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
	unsigned readable = 0;
	for (unsigned i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		struct timespec time = {-1, -1};
		readable += clock_gettime(others[i], &time) == 0 && time.tv_sec >= 0 &&
		            time.tv_nsec >= 0 && time.tv_nsec < NS_PER_S;
	}
	ok &=
	    runtime_check(readable == sizeof(others) / sizeof(others[0]),
	                  "the coarse, boot-time, raw and CPU-time clocks are readable (%u of %zu)",
	                  readable, sizeof(others) / sizeof(others[0]));
	int resolution_result = clock_getres(CLOCK_MONOTONIC, &resolution);
	ok &= runtime_check(resolution_result == 0 && resolution.tv_sec == 0 &&
	                        resolution.tv_nsec > 0 && resolution.tv_nsec <= 10 * NS_PER_MS,
	                    "clock_getres(CLOCK_MONOTONIC) is at most 10 ms (%ld ns)",
	                    resolution.tv_nsec);
	struct timespec ignored;
	errno = 0;
	ok &= runtime_check(clock_gettime((clockid_t)1234, &ignored) == -1 && errno == EINVAL,
	                    "an unknown clock is EINVAL");
	return ok;
}

/* One sleep of ms by `how`: 0 nanosleep, 1 clock_nanosleep relative, 2 absolute. */
static int64_t late_ns(unsigned ms, int how)
{
	int64_t start = now_ns(CLOCK_MONOTONIC);
	struct timespec length = {0, (long)ms * NS_PER_MS};
	if (how == 0) {
		nanosleep(&length, NULL);
	} else if (how == 1) {
		clock_nanosleep(CLOCK_MONOTONIC, 0, &length, NULL);
	} else {
		int64_t until = start + (int64_t)ms * NS_PER_MS;
		struct timespec deadline = {until / NS_PER_S, until % NS_PER_S};
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
	}
	return now_ns(CLOCK_MONOTONIC) - start - (int64_t)ms * NS_PER_MS;
}

static int compare_ns(const void *a, const void *b)
{
	int64_t left = *(const int64_t *)a, right = *(const int64_t *)b;
	return (left > right) - (left < right);
}

/* Each kind of sleep is tried twice at each length; the median lateness must be
 * under 10 ms (one late sleep is the host's doing when QEMU shares a busy
 * machine), and no sleep may end early. */
bool runtime_test_sleeps(void)
{
	static const char *const names[] = {"nanosleep", "clock_nanosleep",
	                                    "clock_nanosleep TIMER_ABSTIME"};
	static const unsigned lengths[] = {20, 35, 50, 20, 35, 50};
	enum { SLEEPS = sizeof(lengths) / sizeof(lengths[0]) };
	bool ok = true;
	for (int how = 0; how < 3; how++) {
		int64_t late[SLEEPS];
		for (unsigned i = 0; i < SLEEPS; i++)
			late[i] = late_ns(lengths[i], how);
		qsort(late, SLEEPS, sizeof(late[0]), compare_ns);
		int64_t median = (late[SLEEPS / 2 - 1] + late[SLEEPS / 2]) / 2;
		ok &= runtime_check(
		    late[0] >= 0 && median < 10 * NS_PER_MS,
		    "%s of 20, 35 and 50 ms (twice each) ends no earlier than asked "
		    "and within 10 ms of it (median %lld us late, worst %lld us)",
		    names[how], (long long)(median / 1000), (long long)(late[SLEEPS - 1] / 1000));
	}
	struct timespec bad = {0, NS_PER_S};
	errno = 0;
	ok &= runtime_check(nanosleep(&bad, NULL) == -1 && errno == EINVAL,
	                    "nanosleep of a timespec with 10^9 ns is EINVAL");
	return ok;
}
