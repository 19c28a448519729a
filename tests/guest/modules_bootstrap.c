/* Module 0 of the boot-module test: finds the host-privileged and device master
 * ports the kernel named on its command line, runs the device checks and
 * verifies that the kernel's object counts come back to where they started. */
#include "modules_bootstrap.h"
#include "ipc_common.h"

int main(int argc, char **argv)
{
	long host_priv = -1, master = -1, size1 = -1;
	for (int i = 1; i < argc; i++) {
		if (ipc_number_after(argv[i], "--host-priv-port=") >= 0)
			host_priv = ipc_number_after(argv[i], "--host-priv-port=");
		else if (ipc_number_after(argv[i], "--device-master-port=") >= 0)
			master = ipc_number_after(argv[i], "--device-master-port=");
		else if (ipc_number_after(argv[i], "size1=") >= 0)
			size1 = ipc_number_after(argv[i], "size1=");
	}
	check(argc >= 4 && ipc_number_after(argv[argc - 2], "--host-priv-port=") >= 0 &&
	          ipc_number_after(argv[argc - 1], "--device-master-port=") >= 0,
	      "the kernel appended --host-priv-port and --device-master-port to argv (argc %d)",
	      argc);
	check(argc >= 4 && ipc_number_after(argv[1], "size1=") >= 0,
	      "the module's own arguments come first, unchanged");
	check(host_priv > 0 && master > 0 && host_priv != master,
	      "the two names are distinct (host priv %ld, master %ld)", host_priv, master);
	check(ipc_type_of((mach_port_t)host_priv) == MACH_PORT_TYPE_SEND,
	      "the host-privileged name is a send right");
	check(ipc_type_of((mach_port_t)master) == MACH_PORT_TYPE_SEND,
	      "the device master name is a send right");
	check(ipc_refs_of((mach_port_t)master, MACH_PORT_RIGHT_SEND) == 1,
	      "the device master name holds one user reference");

	struct ipc_kernel_counts before, after;
	struct ipc_name_snapshot names_before, names_after;
	check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS, "host_slab_info before");
	check(ipc_snapshot_names(&names_before) == KERN_SUCCESS, "names before");

	modules_check_text((mach_port_t)master);
	modules_check_elf((mach_port_t)master, (unsigned long)size1);
	modules_check_refusals((mach_port_t)master, (mach_port_t)host_priv);
	modules_check_release((mach_port_t)master);
	modules_check_physical_memory((mach_port_t)master, (mach_port_t)host_priv);

	check(ipc_snapshot_names(&names_after) == KERN_SUCCESS &&
	          ipc_snapshots_equal(&names_before, &names_after),
	      "the name space is as before: no right leaked");
	check(ipc_snapshot_kernel_counts(&after) == KERN_SUCCESS &&
	          ipc_kernel_counts_equal(&before, &after),
	      "the kernel's object counts are as before: nothing leaked");
	check(ipc_type_of((mach_port_t)master) == MACH_PORT_TYPE_SEND,
	      "the device master right is still there");
	print("modules: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
