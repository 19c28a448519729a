/* The CMOS real-time clock, read once at boot: the wall-clock time the time
 * page (kern/time_page.c) starts from. */
#ifndef WB_ARCH_RTC_H
#define WB_ARCH_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds since 1970-01-01 00:00:00 UTC (the RTC is taken as UTC, as QEMU
 * keeps it by default); false if the clock could not be read consistently or
 * holds an impossible date. */
bool rtc_read_unix_seconds(uint64_t *seconds);

#endif
