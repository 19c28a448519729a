/* The emulator's clocks (clock.h). The time page is mapped once per process
 * through the "time" device, opened on the host name port (any task may); if
 * that fails the clocks fall back to host_get_time (milliseconds since boot,
 * real time starting at 1970) and say so once on the console. */
#include <mach.h>
#include <device/device.h>
#include <wildebeest/gsync.h>
#include <wildebeest/time_page.h>
#include "clock.h"
#include "signal_internal.h"
#include "signal_wait.h"
#include "emul.h"
#include "linux_abi.h"
#include "user_check_cache.h"
#include "lib/kstring.h"

#define PAGE_BYTES 4096u
#define MS_PER_DAY (24u * 3600u * 1000u)

static const volatile struct wb_time_page *time_page;
static volatile int time_page_tried;
static emul_lock_t time_page_lock;
static int64_t latest_monotonic_ns; /* the process-wide high-water mark */

static const volatile struct wb_time_page *map_time_page(void)
{
	mach_port_t self = mach_task_self(), host = mach_host_self();
	mach_port_t device = MACH_PORT_NULL, object = MACH_PORT_NULL;
	vm_address_t address = 0;
	kern_return_t result = device_open(host, D_READ, WB_TIME_DEVICE_NAME, &device);
	(void)mach_port_deallocate(self, host);
	if (result == D_SUCCESS) {
		result = device_map(device, VM_PROT_READ, 0, PAGE_BYTES, &object, 0);
		(void)device_close(device);
		(void)mach_port_deallocate(self, device);
	}
	if (result == KERN_SUCCESS) {
		result = vm_map(self, &address, PAGE_BYTES, 0, TRUE, object, 0, FALSE, VM_PROT_READ,
		                VM_PROT_READ, VM_INHERIT_SHARE);
		(void)mach_port_deallocate(self, object);
	}
	const volatile struct wb_time_page *page = (const volatile struct wb_time_page *)address;
	if (result != KERN_SUCCESS || page->magic != WB_TIME_PAGE_MAGIC ||
	    page->version != WB_TIME_PAGE_VERSION) {
		emul_log("no time page (error 0x%x): clocks in milliseconds from host_get_time",
		         result);
		return NULL;
	}
	return page;
}

static const volatile struct wb_time_page *the_time_page(void)
{
	if (__builtin_expect(__atomic_load_n(&time_page_tried, __ATOMIC_ACQUIRE), 1))
		return time_page;
	emul_lock(&time_page_lock);
	if (!time_page_tried) {
		time_page = map_time_page();
		__atomic_store_n(&time_page_tried, 1, __ATOMIC_RELEASE);
	}
	emul_unlock(&time_page_lock);
	return time_page;
}

/* Monotonic and offset from the page, or from host_get_time without it. */
static void read_clock(int64_t *monotonic_ns, int64_t *offset_ns)
{
	const volatile struct wb_time_page *page = the_time_page();
	if (page) {
		uint64_t monotonic, offset;
		wb_time_page_read(page, &monotonic, &offset);
		*monotonic_ns = (int64_t)monotonic;
		*offset_ns = (int64_t)offset;
		return;
	}
	time_value_t now = {0, 0};
	mach_port_t host = mach_host_self();
	(void)host_get_time(host, &now);
	(void)mach_port_deallocate(mach_task_self(), host);
	*monotonic_ns =
	    (int64_t)now.seconds * EMUL_NS_PER_SECOND + (int64_t)now.microseconds * 1000;
	*offset_ns = 0;
}

int64_t emul_clock_monotonic_ns(void)
{
	int64_t now, offset;
	read_clock(&now, &offset);
	/* TSCs of different CPUs may disagree by a little: never go back. */
	int64_t latest = __atomic_load_n(&latest_monotonic_ns, __ATOMIC_RELAXED);
	while (now > latest) {
		if (__atomic_compare_exchange_n(&latest_monotonic_ns, &latest, now, true,
		                                __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return now;
	}
	return latest;
}

int64_t emul_clock_realtime_ns(void)
{
	int64_t now, offset;
	read_clock(&now, &offset);
	return now + offset;
}

int64_t emul_clock_tick_ns(void)
{
	const volatile struct wb_time_page *page = the_time_page();
	return page ? (int64_t)page->tick_ns : 10000000;
}

long emul_timespec_from_user(uint64_t address, int64_t *nanoseconds)
{
	struct linux_timespec time;
	long result = emul_copy_from_user(&time, address, sizeof(time));
	if (result < 0)
		return result;
	if (time.seconds < 0 || time.nanoseconds < 0 || time.nanoseconds >= EMUL_NS_PER_SECOND)
		return -LINUX_EINVAL;
	if (time.seconds > INT64_MAX / EMUL_NS_PER_SECOND - 1)
		*nanoseconds = INT64_MAX; /* later than anyone will wait */
	else
		*nanoseconds = time.seconds * EMUL_NS_PER_SECOND + time.nanoseconds;
	return 0;
}

long emul_timespec_to_user(uint64_t address, int64_t nanoseconds)
{
	struct linux_timespec time = {nanoseconds / EMUL_NS_PER_SECOND,
	                              nanoseconds % EMUL_NS_PER_SECOND};
	if (!emul_user_range_ok_cached(address, sizeof(time), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	memcpy((void *)address, &time, sizeof(time));
	return 0;
}

uint32_t emul_wait_ms_until(int64_t deadline_ns, int64_t now_ns)
{
	int64_t remaining = deadline_ns - now_ns;
	if (remaining <= 0)
		return 1;
	int64_t ms = (remaining + 999999) / 1000000;
	return ms > MS_PER_DAY ? MS_PER_DAY : (uint32_t)ms;
}

long emul_sleep_until(int64_t deadline_ns)
{
	/* A word of our own stack nobody wakes: gsync_wait times out. */
	volatile uint32_t never_woken = 0;
	for (;;) {
		int64_t now = emul_clock_monotonic_ns();
		if (now >= deadline_ns)
			return 0;
		/* A signal ends the sleep: looked at every EMUL_SIGNAL_POLL_MS too. */
		if (!emul_signal_wait_begin())
			return -LINUX_EINTR;
		uint32_t ms = emul_wait_ms_until(deadline_ns, now);
		kern_return_t result =
		    gsync_wait(mach_task_self(), (vm_address_t)&never_woken, 0, 0,
		               ms < EMUL_SIGNAL_POLL_MS ? ms : EMUL_SIGNAL_POLL_MS, GSYNC_TIMED);
		emul_signal_wait_end();
		if (result == KERN_INTERRUPTED && emul_signal_interrupts())
			return -LINUX_EINTR;
		if (result == KERN_INTERRUPTED)
			continue;
		if (result != KERN_TIMEDOUT && result != KERN_SUCCESS) {
			emul_log("sleep: gsync_wait failed (0x%x)", result);
			return -LINUX_EINTR;
		}
	}
}
