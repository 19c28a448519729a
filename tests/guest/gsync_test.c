/* The in-guest gsync test: module 0 of tests/system/gsync.t. Runs every part
 * (gsync_test.h) and checks that the kernel's object counts come back to where
 * they started; the exit status is the verdict. */
#include "gsync_test.h"

/* After is before? Polls for up to 2 s while ended threads and tasks are
 * reaped; prints differences at the end. */
static bool counts_back(const struct ipc_kernel_counts *before)
{
	static struct ipc_kernel_counts after;
	for (unsigned tries = 0; tries < 200; tries++) {
		if (ipc_snapshot_kernel_counts(&after) != KERN_SUCCESS)
			return false;
		bool equal = after.count == before->count;
		for (unsigned i = 0; equal && i < after.count; i++)
			equal = after.entries[i].in_use == before->entries[i].in_use;
		if (equal)
			return true;
		gsync_pause_ms(10);
	}
	return ipc_kernel_counts_equal(before, &after);
}

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
	check(counts_back(&before), "the kernel's object counts are back to their start");

	gsync_test_task_port();
	/* The task_create'd task is freed once terminated and its ports gone. */
	check(counts_back(&before), "after the other task's test, so are they");
	print("gsync_test: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
