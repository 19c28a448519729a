/* The in-guest VM hostile test (module 0 of vm.t): bad ports and arguments, random
 * calls, children killed, memory pressure; the accounting back at the end. */
#include "vm_hostile.h"

#define FUZZ_ROUNDS 3000

static bool make_target(struct vm_hostile_target *target, int argc, char **argv)
{
	mach_port_t self = mach_task_self();
	target->host_priv = vm_host_priv_from(argc, argv);
	target->small = VM_SLOT(20);
	target->large = VM_SLOT(21);
	target->buffer = vm_new_region(2 * VM_PAGE);
	if (target->buffer)
		vm_pattern_fill(target->buffer, 2 * VM_PAGE, 11);
	vm_address_t small = target->small, large = target->large;
	return task_create(self, FALSE, &target->victim) == KERN_SUCCESS &&
	       vm_allocate(target->victim, &small, VM_HOSTILE_SMALL_PAGES * VM_PAGE, FALSE) ==
	           KERN_SUCCESS &&
	       vm_allocate(target->victim, &large, VM_GIB, FALSE) == KERN_SUCCESS && target->buffer;
}

int main(int argc, char **argv)
{
	print("vm_hostile: start\n");
	check(vm_faults_start(), "an exception port serves this task's faults");
	struct vm_accounting start;
	check(vm_accounting_take(&start),
	      "the kernel's accounting is readable (host_slab_info, vm_statistics)");
	check(vm_tools_work(), "the test agent, run in our own task, reads, writes and survives "
	                       "a fault");
	struct vm_hostile_target target = {0};
	check(make_target(&target, argc, argv),
	      "a victim task with 16 pages and a lazy GiB, made through its task port");

	print("# --- bad ports\n");
	vm_hostile_bad_ports(&target);
	print("# --- impossible arguments\n");
	vm_hostile_bad_arguments(&target);
	print("# --- random arguments\n");
	vm_hostile_fuzz(&target, FUZZ_ROUNDS);
	print("# --- children killed in use\n");
	vm_hostile_children();

	mach_port_t self = mach_task_self();
	if (MACH_PORT_VALID(target.victim)) {
		(void)task_terminate(target.victim);
		(void)mach_port_deallocate(self, target.victim);
	}
	if (target.buffer)
		(void)vm_deallocate(self, target.buffer, 2 * VM_PAGE);
	vm_accounting_check(&start, 64, "after the hostile calls and the end of every task made");

	/* Last, since it may cost us our life: a kernel out of memory. */
	print("# --- memory pressure\n");
	vm_hostile_pressure(target.host_priv);
	vm_accounting_check(&start, 64, "after memory pressure");
	print("vm_hostile: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
