/* Hostile: more memory than the machine has. Wiring a lazy GiB cannot be
 * done and must be refused (not a panic, not a hang); a child writing more
 * pages than are free must harm only itself. */
#include "vm_hostile.h"

void vm_hostile_pressure(mach_port_t host_priv)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	vm_address_t lazy = VM_SLOT(26);
	kern_return_t allocated = task_create(self, FALSE, &task);
	if (allocated == KERN_SUCCESS)
		allocated = vm_allocate(task, &lazy, VM_GIB, FALSE);
	kern_return_t result = vm_wire(host_priv, task, lazy, VM_GIB, VM_PROT_READ | VM_PROT_WRITE);
	check(allocated == KERN_SUCCESS && result != KERN_SUCCESS,
	      "vm_wire of a lazy GiB, more than the machine's memory, is refused (0x%x, 0x%x)",
	      allocated, result);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
	vm_address_t probe = 0;
	result = vm_allocate(self, &probe, 16 * VM_PAGE, TRUE);
	check(result == KERN_SUCCESS && vm_probe_write(probe + 15 * VM_PAGE, 1),
	      "afterwards we can still allocate and touch memory (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, probe, 16 * VM_PAGE);

	/* A child writing a page every 4 KiB of a GiB runs out of memory: it must
	 * be the one that suffers (an exception, a wait, its end), not the kernel. */
	struct vm_child child;
	vm_address_t hog = VM_SLOT(25);
	bool forked = vm_child_fork(self, &child);
	allocated = forked ? vm_allocate(child.task, &hog, VM_GIB, FALSE) : KERN_FAILURE;
	enum vm_child_result filled =
	    allocated == KERN_SUCCESS ? vm_child_fill(&child, hog, VM_GIB, 1) : VM_CHILD_NO_ANSWER;
	print("# vm_hostile: a child filling a GiB: forked %d, vm_allocate 0x%x, fill result %d\n",
	      forked, allocated, filled);
	vm_child_end(&child);
	result = vm_allocate(self, &probe, 16 * VM_PAGE, TRUE);
	check(forked && allocated == KERN_SUCCESS && result == KERN_SUCCESS &&
	          vm_probe_write(probe + 15 * VM_PAGE, 2),
	      "after a child wrote to more pages than the machine has and was terminated, we can "
	      "allocate and touch memory again (0x%x)",
	      result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, probe, 16 * VM_PAGE);
}
