/* The in-guest Mach IPC conformance suite: module 0 of its system test (module
 * 1 is ipc_child). It uses only the standard Mach interface through libmach and
 * reports every assertion as a TAP line; the exit status is the verdict. */
#include "ipc_conformance.h"

int main(int argc, char **argv)
{
	print("ipc_conformance: start\n");
	check(MACH_PORT_VALID(mach_task_self()), "mach_task_self() is a valid name (0x%x)",
	      mach_task_self());
	struct ipc_name_snapshot before, after;
	kern_return_t listed = ipc_snapshot_names(&before);
	check(listed == KERN_SUCCESS, "mach_port_names lists the starting names (0x%x)", listed);

	conformance_rights();
	conformance_dispositions();
	conformance_port_sets();
	conformance_notifications();
	conformance_out_of_line();
	conformance_out_of_line_virtual();
	conformance_queues();
	conformance_malformed();
	conformance_kernel_calls();
	conformance_cross_task();
	conformance_exceptions();
	conformance_emulation();
	conformance_abort();
	conformance_new_task_notifications(argc, argv);

	listed = ipc_snapshot_names(&after);
	check(listed == KERN_SUCCESS && ipc_snapshots_equal(&before, &after),
	      "after the whole suite the name space holds exactly the starting names");
	print("ipc_conformance: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
