/* The time page: one read-only page the kernel shares with every task that
 * maps the "time" device (device_open + device_map), from which user code
 * reads the clocks without entering the kernel (docs/ARCHITECTURE.md, "Time").
 *
 * It starts with GNU Mach's mapped_time_value_t (real time, microseconds,
 * updated on each tick of CPU 0; read it as mach/time_value.h says), followed
 * by what a TSC-based reader needs. The TSC part changes only when the kernel
 * re-bases the clock (today: once, at boot); the sequence number is odd while
 * it changes, so a reader retries (wb_time_page_read below):
 *   monotonic ns = ((tsc - tsc_base) * tsc_to_ns_multiplier) >> 32
 *   real-time ns = monotonic ns + realtime_offset_ns
 * Monotonic time starts near 0 at boot and counts during the whole uptime (it
 * is also CLOCK_BOOTTIME: the machine never suspends). */
#ifndef WILDEBEEST_TIME_PAGE_H
#define WILDEBEEST_TIME_PAGE_H

#include <stdint.h>

#define WB_TIME_PAGE_MAGIC   0x4d544257u /* "WBTM" */
#define WB_TIME_PAGE_VERSION 1u
#define WB_TIME_DEVICE_NAME  "time"

struct wb_time_page {
	/* GNU Mach's mapped_time_value_t, the same three 32-bit words. */
	volatile int32_t seconds;
	volatile int32_t microseconds;
	volatile int32_t check_seconds;
	uint32_t magic;                /* WB_TIME_PAGE_MAGIC once the kernel has filled the page */
	uint32_t version;              /* WB_TIME_PAGE_VERSION */
	volatile uint32_t sequence;    /* odd while the fields below change */
	uint64_t tsc_base;             /* the TSC value at monotonic time 0 */
	uint64_t tsc_hz;               /* the TSC's rate, calibrated against the PIT */
	uint64_t tsc_to_ns_multiplier; /* 2^32 * 10^9 / tsc_hz */
	uint64_t realtime_offset_ns;   /* real time (since 1970, UTC) minus monotonic */
	uint64_t tick_ns;              /* the scheduler tick: the coarse clocks' step */
	uint32_t realtime_from_rtc;    /* 1 if the RTC was read at boot, 0 if it failed */
	uint32_t reserved;
};

/* One consistent reading of the TSC part: monotonic nanoseconds and the real-time
 * offset. The TSC is read after an lfence so that it is not taken before the
 * fields. For user code and the kernel alike. */
static inline void wb_time_page_read(const volatile struct wb_time_page *page,
                                     uint64_t *monotonic_ns, uint64_t *realtime_offset_ns)
{
	for (;;) {
		uint32_t before = __atomic_load_n(&page->sequence, __ATOMIC_ACQUIRE);
		if (before & 1) {
			__asm__ volatile("pause");
			continue;
		}
		uint64_t base = page->tsc_base, multiplier = page->tsc_to_ns_multiplier;
		uint64_t offset = page->realtime_offset_ns;
		uint32_t low, high;
		__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&page->sequence, __ATOMIC_RELAXED) != before)
			continue;
		uint64_t tsc = ((uint64_t)high << 32) | low;
		uint64_t elapsed = tsc > base ? tsc - base : 0;
		*monotonic_ns = (uint64_t)(((unsigned __int128)elapsed * multiplier) >> 32);
		*realtime_offset_ns = offset;
		return;
	}
}

#endif
