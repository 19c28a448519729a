/* The in-guest Mach virtual-memory conformance suite (module 0 of vm.t): one TAP
 * line per assertion, the kernel's accounting checked at the end. */
#include "vm_conformance.h"

mach_port_t vm_conformance_host_priv = MACH_PORT_NULL;

static void part(const char *name, void (*run)(void))
{
	print("# --- %s\n", name);
	run();
}

int main(int argc, char **argv)
{
	print("vm_conformance: start\n");
	vm_conformance_host_priv = vm_host_priv_from(argc, argv);
	check(vm_faults_start(), "an exception port serves this task's faults");
	struct vm_accounting start;
	check(vm_accounting_take(&start),
	      "the kernel's accounting is readable (host_slab_info, vm_statistics)");
	check(vm_tools_work(), "the test agent, run in our own task, reads, writes and survives "
	                       "a fault");

	part("vm_allocate", vm_conformance_allocate);
	part("vm_deallocate", vm_conformance_deallocate);
	part("lazy allocation", vm_conformance_lazy);
	part("vm_protect", vm_conformance_protect);
	part("execute permission", vm_conformance_execute);
	part("vm_inherit and task_create(inherit_memory)", vm_conformance_inherit);
	part("copy-on-write forks", vm_conformance_fork);
	part("vm_read", vm_conformance_read);
	part("vm_write", vm_conformance_write);
	part("vm_copy", vm_conformance_copy);
	part("vm_region", vm_conformance_region);
	part("vm_map", vm_conformance_map);
	part("vm_wire", vm_conformance_wire);
	part("vm_statistics", vm_conformance_statistics);

	vm_accounting_check(&start, 256, "after the whole suite");
	print("vm_conformance: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
