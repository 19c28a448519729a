/* The in-guest test of the kernel's clocks and entropy (tests/system/clock.t):
 * the "time" device's page, timed waits against it, the "random" device. Each
 * part prints one TAP line per assertion. */
#ifndef WB_GUEST_CLOCK_TEST_H
#define WB_GUEST_CLOCK_TEST_H

#include "ipc_common.h"
#include <wildebeest/time_page.h>

/* The time page mapped read-only in this task, or NULL (a check failed). */
const volatile struct wb_time_page *clock_test_map_time_page(void);
/* Monotonic nanoseconds from the page. */
uint64_t clock_test_monotonic_ns(const volatile struct wb_time_page *page);

void clock_test_time_page(const volatile struct wb_time_page *page);
void clock_test_monotonic_threads(const volatile struct wb_time_page *page);
void clock_test_sleeps(const volatile struct wb_time_page *page);
void clock_test_random(void);

#endif
