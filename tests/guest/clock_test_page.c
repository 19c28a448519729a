/* The time page: opened through the host name port (any task may), mapped
 * read-only and cached, filled from the TSC and the RTC; its mapped_time_value_t
 * and its TSC part agree; monotonic time never goes backwards, on any CPU. */
#include "clock_test.h"
#include <device/device.h>

#define PAGE              4096u
#define YEAR_2024_SECONDS 1704067200ull /* 2024-01-01 00:00:00 UTC */
#define NS_PER_MS         1000000ull

uint64_t clock_test_monotonic_ns(const volatile struct wb_time_page *page)
{
	uint64_t monotonic_ns, offset_ns;
	wb_time_page_read(page, &monotonic_ns, &offset_ns);
	return monotonic_ns;
}

const volatile struct wb_time_page *clock_test_map_time_page(void)
{
	mach_port_t host = mach_host_self(), self = mach_task_self();
	mach_port_t device = MACH_PORT_NULL, object = MACH_PORT_NULL;
	check(device_open(host, D_READ | D_WRITE, "time", &device) == D_READ_ONLY,
	      "the time device refuses D_WRITE (D_READ_ONLY)");
	check(device_open(host, D_READ, "mem", &device) == D_INVALID_OPERATION,
	      "the host name port does not open the physical-memory device");
	kern_return_t result = device_open(host, D_READ, "time", &device);
	(void)mach_port_deallocate(self, host);
	if (!check(result == D_SUCCESS, "device_open of \"time\" through the host name port (%d)",
	           result))
		return NULL;
	check(device_map(device, VM_PROT_READ | VM_PROT_WRITE, 0, PAGE, &object, 0) ==
	          KERN_PROTECTION_FAILURE,
	      "device_map of the time page for writing is KERN_PROTECTION_FAILURE");
	check(device_map(device, VM_PROT_READ, PAGE, PAGE, &object, 0) == KERN_INVALID_ARGUMENT,
	      "device_map beyond the time page is KERN_INVALID_ARGUMENT");
	io_buf_ptr_inband_t status_buffer;
	mach_msg_type_number_t count = sizeof(status_buffer);
	check(device_read_inband(device, 0, 0, 16, status_buffer, &count) == D_INVALID_OPERATION,
	      "the time device is mapped, not read (D_INVALID_OPERATION)");
	result = device_map(device, VM_PROT_READ, 0, PAGE, &object, 0);
	(void)device_close(device);
	(void)mach_port_deallocate(self, device);
	if (!check(result == KERN_SUCCESS, "device_map of the time page (%d)", result))
		return NULL;
	vm_address_t address = 0;
	check(vm_map(self, &address, PAGE, 0, TRUE, object, 0, FALSE, VM_PROT_READ | VM_PROT_WRITE,
	             VM_PROT_READ | VM_PROT_WRITE, VM_INHERIT_NONE) == KERN_PROTECTION_FAILURE,
	      "vm_map of the time page writable is KERN_PROTECTION_FAILURE");
	address = 0;
	result = vm_map(self, &address, PAGE, 0, TRUE, object, 0, FALSE, VM_PROT_READ, VM_PROT_READ,
	                VM_INHERIT_SHARE);
	(void)mach_port_deallocate(self, object);
	if (!check(result == KERN_SUCCESS, "vm_map of the time page, read-only (%d)", result))
		return NULL;
	check(vm_protect(self, address, PAGE, FALSE, VM_PROT_READ | VM_PROT_WRITE) ==
	          KERN_PROTECTION_FAILURE,
	      "vm_protect cannot make the time page writable");
	return (const volatile struct wb_time_page *)address;
}

void clock_test_time_page(const volatile struct wb_time_page *page)
{
	check(page->magic == WB_TIME_PAGE_MAGIC && page->version == WB_TIME_PAGE_VERSION,
	      "the time page has its magic and version");
	check(page->tsc_hz > 1000000 && page->tsc_to_ns_multiplier != 0 &&
	          page->tick_ns == 10000000,
	      "the time page gives the TSC rate (%lu Hz) and the 10 ms tick",
	      (unsigned long)page->tsc_hz);
	uint64_t monotonic_ns, offset_ns;
	wb_time_page_read(page, &monotonic_ns, &offset_ns);
	uint64_t realtime_s = (monotonic_ns + offset_ns) / 1000000000ull;
	check(page->realtime_from_rtc == 1 && realtime_s > YEAR_2024_SECONDS,
	      "real time comes from the RTC (%lu s since 1970, after 2024)",
	      (unsigned long)realtime_s);
	int32_t seconds, microseconds, check_seconds;
	do {
		seconds = page->seconds;
		__sync_synchronize();
		microseconds = page->microseconds;
		__sync_synchronize();
		check_seconds = page->check_seconds;
	} while (seconds != check_seconds);
	uint64_t mapped_us = (uint64_t)seconds * 1000000 + (uint64_t)microseconds;
	uint64_t tsc_us = (monotonic_ns + offset_ns) / 1000;
	uint64_t skew_us = mapped_us > tsc_us ? mapped_us - tsc_us : tsc_us - mapped_us;
	/* Apart by up to a tick, more if the host held CPU 0 back: 0.5 s still
	 * tells real time from time since boot. */
	check(microseconds >= 0 && microseconds < 1000000 && skew_us < 500000,
	      "GNU Mach's mapped_time_value_t agrees with the TSC part (%lu us apart)",
	      (unsigned long)skew_us);
	time_value_t host_time;
	mach_port_t host = mach_host_self();
	uint64_t before_ns = clock_test_monotonic_ns(page);
	kern_return_t result = host_get_time(host, &host_time);
	uint64_t after_ns = clock_test_monotonic_ns(page);
	(void)mach_port_deallocate(mach_task_self(), host);
	uint64_t host_ms =
	    (uint64_t)host_time.seconds * 1000 + (uint64_t)host_time.microseconds / 1000;
	check(result == KERN_SUCCESS && host_ms + 1 >= before_ns / NS_PER_MS &&
	          host_ms <= after_ns / NS_PER_MS + 1,
	      "monotonic time is the kernel's clock (host_get_time %lu ms, page %lu..%lu ms)",
	      (unsigned long)host_ms, (unsigned long)(before_ns / NS_PER_MS),
	      (unsigned long)(after_ns / NS_PER_MS));
	uint64_t first = clock_test_monotonic_ns(page);
	ipc_pause_ms(30);
	uint64_t second = clock_test_monotonic_ns(page);
	check(second - first >= 30 * NS_PER_MS && second - first < 1000 * NS_PER_MS,
	      "monotonic time advances with a 30 ms pause (%lu us)",
	      (unsigned long)((second - first) / 1000));
}

#define READER_THREADS 2
#define READS          200000

static uint64_t latest_seen_ns;
static volatile unsigned backwards, readers_done;
static const volatile struct wb_time_page *shared_page;

/* Each reading must not be earlier than any reading another thread published
 * before it started: the clock is monotonic across CPUs, not only per CPU. */
static void reader_main(uint64_t argument)
{
	(void)argument;
	for (unsigned i = 0; i < READS; i++) {
		uint64_t published = __atomic_load_n(&latest_seen_ns, __ATOMIC_ACQUIRE);
		uint64_t now = clock_test_monotonic_ns(shared_page);
		if (now < published)
			__atomic_fetch_add(&backwards, 1, __ATOMIC_RELAXED);
		while (now > published &&
		       !__atomic_compare_exchange_n(&latest_seen_ns, &published, now, true,
		                                    __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
			;
	}
	__atomic_fetch_add(&readers_done, 1, __ATOMIC_RELEASE);
}

void clock_test_monotonic_threads(const volatile struct wb_time_page *page)
{
	shared_page = page;
	unsigned started = 0;
	for (unsigned i = 0; i < READER_THREADS; i++)
		started += rt_thread_start(reader_main, i) == KERN_SUCCESS;
	for (unsigned waited = 0; waited < 3000 && readers_done < started; waited++)
		ipc_pause_ms(10);
	check(started == READER_THREADS && readers_done == started && backwards == 0,
	      "%u threads read monotonic time %u times each: never earlier than a reading "
	      "already seen (%u went back)",
	      started, READS, backwards);
}
