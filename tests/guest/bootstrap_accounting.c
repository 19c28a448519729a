/* The boot runner's test build (bootstrap_accounting.elf): the kernel's object
 * counts (host_slab_info) before the first Linux program and after the last
 * must be the same, i.e. the programs' tasks, threads, ports and memory
 * objects are all gone, and free pages (vm_statistics) back within a slack
 * for the runner's own touched pages. Prints TAP lines for tests/system/linux.t. */
#include "ipc_common.h"
#include "bootstrap.h"

#define PAGE_SLACK 64

static struct ipc_kernel_counts before;
static bool have_before;
static vm_statistics_data_t pages_before;
static bool have_pages_before;

void bootstrap_programs_starting(void)
{
	have_before = check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS,
	                    "bootstrap: the kernel's object counts before the programs");
	have_pages_before = vm_statistics(mach_task_self(), &pages_before) == KERN_SUCCESS;
}

void bootstrap_programs_ended(void)
{
	if (have_before)
		check(ipc_kernel_counts_settle(&before),
		      "bootstrap: the kernel's object counts are back after the programs ended");
	vm_statistics_data_t pages_after;
	bool have_pages_after = vm_statistics(mach_task_self(), &pages_after) == KERN_SUCCESS;
	check(have_pages_before && have_pages_after &&
	          pages_after.free_count + PAGE_SLACK >= pages_before.free_count,
	      "bootstrap: free pages are back within %d after the programs ended (%d before, %d "
	      "after)",
	      PAGE_SLACK, have_pages_before ? pages_before.free_count : -1,
	      have_pages_after ? pages_after.free_count : -1);
}
