/* Timed waits measured on the time page: a mach_msg receive timeout and a
 * GSYNC_TIMED gsync_wait of 20, 35 and 50 ms never end early, and end within
 * 5 ms of their deadline (the median of 5): the one-shot timer, not the tick. */
#include "clock_test.h"
#include <wildebeest/gsync.h>

#define NS_PER_MS 1000000ull
#define ROUNDS    5

static void receive_timeout(unsigned ms)
{
	ipc_pause_ms(ms);
}

static void gsync_timeout(unsigned ms)
{
	static volatile uint32_t word = 7;
	(void)gsync_wait(mach_task_self(), (vm_address_t)&word, 7, 0, ms, GSYNC_TIMED);
}

static void check_sleeps(const volatile struct wb_time_page *page, const char *what,
                         void (*sleep_ms)(unsigned))
{
	static const unsigned lengths[] = {20, 35, 50};
	for (unsigned i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		uint64_t late_us[ROUNDS];
		bool early = false;
		for (unsigned round = 0; round < ROUNDS; round++) {
			uint64_t start = clock_test_monotonic_ns(page);
			sleep_ms(lengths[i]);
			uint64_t slept = clock_test_monotonic_ns(page) - start;
			early |= slept < lengths[i] * NS_PER_MS;
			late_us[round] = slept > lengths[i] * NS_PER_MS
			                     ? (slept - lengths[i] * NS_PER_MS) / 1000
			                     : 0;
		}
		/* The median of the rounds: a late round or two is the host's doing
		 * when QEMU shares a busy machine. */
		for (unsigned sorted = 1; sorted < ROUNDS; sorted++)
			for (unsigned j = sorted; j > 0 && late_us[j - 1] > late_us[j]; j--) {
				uint64_t swap = late_us[j];
				late_us[j] = late_us[j - 1];
				late_us[j - 1] = swap;
			}
		uint64_t median = late_us[ROUNDS / 2];
		check(!early, "a %s of %u ms never ends early", what, lengths[i]);
		/* With only the 10 ms tick a wait begun just after a tick ends ~9 ms late. */
		check(median < 5000,
		      "a %s of %u ms ends within 5 ms of its deadline, finer than the tick "
		      "(%lu us late)",
		      what, lengths[i], (unsigned long)median);
	}
}

void clock_test_sleeps(const volatile struct wb_time_page *page)
{
	check_sleeps(page, "mach_msg receive timeout", receive_timeout);
	check_sleeps(page, "GSYNC_TIMED gsync_wait", gsync_timeout);
}
