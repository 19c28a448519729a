/* The boot runner's test build (bootstrap_accounting.elf): the kernel's object
 * counts (host_slab_info) before the first Linux program and after the last
 * must be the same, i.e. the programs' tasks, threads, ports and memory
 * objects are all gone. Prints TAP lines for tests/system/linux.t. */
#include "ipc_common.h"
#include "bootstrap.h"

static struct ipc_kernel_counts before;
static bool have_before;

void bootstrap_programs_starting(void)
{
	have_before = check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS,
	                    "bootstrap: the kernel's object counts before the programs");
}

void bootstrap_programs_ended(void)
{
	if (have_before)
		check(ipc_kernel_counts_settle(&before),
		      "bootstrap: the kernel's object counts are back after the programs ended");
}
