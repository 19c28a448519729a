/* The emulator's clocks: the kernel's time page (include/wildebeest/
 * time_page.h), mapped on first use, read without entering the kernel; and
 * the timespec checks and sleeps the time, sleep and futex calls share. */
#ifndef EMUL_CLOCK_H
#define EMUL_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "linux_thread_abi.h"

#define EMUL_NS_PER_SECOND 1000000000ll

/* Monotonic nanoseconds since boot, never smaller than a value this process
 * read before, on any thread. */
int64_t emul_clock_monotonic_ns(void);
/* Real time in nanoseconds since 1970 (UTC). */
int64_t emul_clock_realtime_ns(void);
/* The scheduler tick in nanoseconds (the coarse clocks' resolution). */
int64_t emul_clock_tick_ns(void);

/* Reads a timespec from the caller's memory: 0, -EFAULT, or -EINVAL when
 * nanoseconds are outside [0, 10^9) or seconds are negative. */
long emul_timespec_from_user(uint64_t address, int64_t *nanoseconds);
/* Writes nanoseconds (>= 0) as a timespec: 0 or -EFAULT (checked through
 * user_check_cache.h: timespecs usually live on the caller's stack). */
long emul_timespec_to_user(uint64_t address, int64_t nanoseconds);

/* Sleeps until the monotonic clock reaches deadline_ns: 0, or -EINTR if the
 * thread was interrupted (thread_abort) first. */
long emul_sleep_until(int64_t deadline_ns);
/* Milliseconds for a timed kernel wait ending at deadline_ns: rounded up, at
 * least 1, at most a day (the caller waits again if the deadline is later). */
uint32_t emul_wait_ms_until(int64_t deadline_ns, int64_t now_ns);

#endif
