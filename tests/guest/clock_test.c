/* The in-guest clock and entropy test: module 0 of tests/system/clock.t. Runs
 * every part (clock_test.h), then checks the kernel's object counts came back;
 * the exit status is the verdict. */
#include "clock_test.h"

int main(void)
{
	print("clock_test: start\n");
	static struct ipc_kernel_counts before;
	check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS,
	      "host_slab_info gives the kernel's object counts");
	const volatile struct wb_time_page *page = clock_test_map_time_page();
	if (page) {
		clock_test_time_page(page);
		clock_test_monotonic_threads(page);
		clock_test_sleeps(page);
	}
	clock_test_random();
	if (page)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)page, 4096);
	check(ipc_kernel_counts_settle(&before),
	      "the kernel's object counts are back to their start");
	print("clock_test: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
