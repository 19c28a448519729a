/* The in-guest emulation test: module 0 of tests/system/emulation.t. Runs every
 * part (emulation_test.h) and checks that the kernel's object counts come back
 * to where they started; the exit status is the verdict. */
#include "emulation_test.h"

void emulation_pause_ms(unsigned ms)
{
	mach_port_t self = mach_task_self(), port = MACH_PORT_NULL;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		return;
	mach_msg_header_t header;
	(void)mach_msg(&header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(header), port, ms,
	               MACH_PORT_NULL);
	(void)mach_port_destroy(self, port);
}

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
		emulation_pause_ms(10);
	}
	return ipc_kernel_counts_equal(before, &after);
}

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
	check(counts_back(&before), "the kernel's object counts are back to their start");

	emulation_test_inherit();
	/* A task_create'd task is freed once terminated and its port is gone. */
	check(counts_back(&before), "after the child task's test, so are they");
	print("emulation_test: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
