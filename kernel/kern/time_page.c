/* The time page (time_page.h): one zeroed frame, written only by the boot CPU
 * (at boot, then each tick for the mapped_time_value_t), read by tasks through
 * a cached read-only mapping and by the kernel through the direct map. */
#include "kern/time_page.h"
#include "kern/sched.h"
#include "kern/timer.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/rtc.h"
#include "dev/console.h"
#include "vm/physmem.h"
#include <wildebeest/time_page.h>

#define NS_PER_SECOND 1000000000ull

static uint64_t page_physical;
static struct wb_time_page *page;

bool time_page_init(void)
{
	uint64_t physical;
	if (!physmem_alloc_page(&physical))
		return false;
	struct wb_time_page *filled = phys_to_virt(physical);
	uint64_t hz = tsc_hz();
	if (hz == 0)
		hz = 1;
	filled->sequence = 1;
	filled->tsc_base = timer_tsc_base();
	filled->tsc_hz = hz;
	filled->tsc_to_ns_multiplier = (NS_PER_SECOND << 32) / hz;
	filled->tick_ns = NS_PER_SECOND / SCHED_HZ;
	filled->magic = WB_TIME_PAGE_MAGIC;
	filled->version = WB_TIME_PAGE_VERSION;
	uint64_t rtc_seconds = 0;
	filled->realtime_from_rtc = rtc_read_unix_seconds(&rtc_seconds) ? 1 : 0;
	uint64_t monotonic_ns, unused_offset;
	__atomic_store_n(&filled->sequence, 2, __ATOMIC_RELEASE); /* readable from here */
	wb_time_page_read(filled, &monotonic_ns, &unused_offset);
	uint64_t realtime_ns = rtc_seconds * NS_PER_SECOND;
	__atomic_store_n(&filled->sequence, 3, __ATOMIC_RELEASE);
	filled->realtime_offset_ns = realtime_ns > monotonic_ns ? realtime_ns - monotonic_ns : 0;
	__atomic_store_n(&filled->sequence, 4, __ATOMIC_RELEASE);
	if (!filled->realtime_from_rtc)
		kprintf("time: the RTC could not be read; real time starts at 1970\n");
	else if (!console_quiet())
		kprintf("time: real time %lu s since 1970 (RTC)\n", (unsigned long)rtc_seconds);
	page = filled;
	__atomic_store_n(&page_physical, physical, __ATOMIC_RELEASE);
	time_page_tick();
	return true;
}

uint64_t time_page_physical(void)
{
	return __atomic_load_n(&page_physical, __ATOMIC_ACQUIRE);
}

uint64_t time_page_realtime_ns(void)
{
	if (!page)
		return 0;
	uint64_t monotonic_ns, offset_ns;
	wb_time_page_read(page, &monotonic_ns, &offset_ns);
	return monotonic_ns + offset_ns;
}

void time_page_tick(void)
{
	if (!page)
		return;
	uint64_t now_ns = time_page_realtime_ns();
	int32_t seconds = (int32_t)(now_ns / NS_PER_SECOND);
	int32_t microseconds = (int32_t)(now_ns % NS_PER_SECOND / 1000);
	/* The order mapped_time_value_t's readers expect: check_seconds first,
	 * seconds last (mach/time_value.h). */
	__atomic_store_n(&page->check_seconds, seconds, __ATOMIC_RELEASE);
	__atomic_store_n(&page->microseconds, microseconds, __ATOMIC_RELEASE);
	__atomic_store_n(&page->seconds, seconds, __ATOMIC_RELEASE);
}
