/* The in-guest gsync test: module 0 of tests/system/gsync.t. Runs every part
 * (gsync_test.h) and checks that the kernel's object counts come back to where
 * they started; the exit status is the verdict. */
#include "gsync_test.h"

int main(void)
{
	print("gsync_test: start\n");
	static struct ipc_kernel_counts before;
	check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS,
	      "host_slab_info gives the kernel's object counts");

	gsync_test_values();
	gsync_test_errors();
	gsync_test_wake();
	gsync_test_requeue();
	gsync_test_abort();
	gsync_test_mutex();
	check(ipc_kernel_counts_settle(&before),
	      "the kernel's object counts are back to their start");

	gsync_test_task_port();
	/* The task_create'd task is freed once terminated and its ports gone. */
	check(ipc_kernel_counts_settle(&before), "after the other task's test, so are they");
	print("gsync_test: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
