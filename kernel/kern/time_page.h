/* The kernel's time page (include/wildebeest/time_page.h): filled at boot from
 * the TSC calibration and the RTC, its mapped_time_value_t kept current by the
 * boot CPU's tick; the "time" device maps it read-only into tasks. */
#ifndef WB_KERN_TIME_PAGE_H
#define WB_KERN_TIME_PAGE_H

#include <stdbool.h>
#include <stdint.h>

/* Once, on the boot CPU, after timer_system_init; false without a free page. */
bool time_page_init(void);
/* The page's physical address (0 before time_page_init succeeded). */
uint64_t time_page_physical(void);
/* Real time in nanoseconds since 1970 (UTC), from the page's TSC part. */
uint64_t time_page_realtime_ns(void);
/* Updates the mapped_time_value_t; the boot CPU's tick calls it. */
void time_page_tick(void);

#endif
