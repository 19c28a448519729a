/* Calendar arithmetic for the RTC: a UTC date and time of day to seconds since
 * the Unix epoch. Portable, tested on the host against the C library. */
#ifndef WB_LIB_CALENDAR_H
#define WB_LIB_CALENDAR_H

#include <stdint.h>

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian; month 1..12). */
int64_t calendar_days_since_epoch(int64_t year, unsigned month, unsigned day);
/* Seconds since 1970-01-01 00:00:00 UTC. */
int64_t calendar_unix_seconds(int64_t year, unsigned month, unsigned day, unsigned hours,
                              unsigned minutes, unsigned seconds);

#endif
