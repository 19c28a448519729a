/* The in-guest emulation test: module 0 of tests/system/emulation.t. Runs every
 * part (emulation_test.h) and checks that the kernel's object counts come back
 * to where they started; the exit status is the verdict. */
#include "emulation_test.h"

int main(void)
{
	print("emulation_test: start\n");
	static struct ipc_kernel_counts before;
	check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS,
	      "host_slab_info gives the kernel's object counts");

	emulation_test_exception();
	emulation_test_dispatch();
	emulation_test_no_emulator_again();
	emulation_test_segment_bases();
	emulation_test_segment_bases_threads();
	check(ipc_kernel_counts_settle(&before),
	      "the kernel's object counts are back to their start");

	emulation_test_inherit();
	/* A task_create'd task is freed once terminated and its port is gone. */
	check(ipc_kernel_counts_settle(&before), "after the child task's test, so are they");
	print("emulation_test: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
