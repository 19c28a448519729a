/* The VM programs' own check of their tools, before any VM assertion: an agent
 * started in our own task (where no fork is needed) answers, reads and writes
 * our memory, and reports a fault as a fault, caught by our exception port. */
#include "vm_common.h"

bool vm_tools_work(void)
{
	static volatile uint64_t word = 0x70015;
	struct vm_child agent;
	uint64_t seen = 0;
	bool works =
	    vm_child_in_own_task(&agent) &&
	    vm_child_read(&agent, (uint64_t)&word, &seen) == VM_CHILD_DONE && seen == 0x70015 &&
	    vm_child_write(&agent, (uint64_t)&word, 0x70016) == VM_CHILD_DONE && word == 0x70016;
	unsigned before = vm_last_fault().count;
	works = works && vm_child_read(&agent, 0x1000, NULL) == VM_CHILD_FAULTED &&
	        vm_fault_was(before, mach_task_self(), KERN_INVALID_ADDRESS, 0x1000) &&
	        vm_child_alive(&agent);
	vm_child_end(&agent);
	return works;
}
