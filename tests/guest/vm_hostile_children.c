/* Hostile: children sharing memory copy-on-write, killed in use (by a fault, by
 * task_terminate out of order), a grandchild outliving its parent. */
#include "vm_hostile.h"

#define CHILDREN 4
#define AREA     VM_SLOT(24)
#define PAGES    64

void vm_hostile_children(void)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(AREA, PAGES * VM_PAGE);
	for (unsigned page = 0; made && page < PAGES; page++)
		*(volatile uint64_t *)(AREA + page * VM_PAGE) = 0x4000 + page;

	struct vm_child children[CHILDREN], grandchild;
	unsigned forked = 0;
	for (unsigned i = 0; i < CHILDREN; i++)
		forked += vm_child_fork(self, &children[i]);
	check(forked == CHILDREN, "%u children forked from the same memory (%u)", CHILDREN, forked);
	unsigned written = 0;
	for (unsigned i = 0; i < CHILDREN; i++)
		written += vm_child_fill(&children[i], AREA + i * 8 * VM_PAGE, 16 * VM_PAGE,
		                         0x8000 * (i + 1)) == VM_CHILD_DONE;
	check(written == CHILDREN, "each writes 16 pages overlapping its siblings' (%u)", written);
	(void)vm_child_fork(children[1].task, &grandchild);
	(void)vm_child_fill(&grandchild, AREA, PAGES * VM_PAGE, 0xf000);

	unsigned before = vm_last_fault().count;
	vm_child_crash(&children[2]);
	check(!vm_child_alive(&children[2]) &&
	          vm_fault_was(before, children[2].task, KERN_INVALID_ADDRESS, 0),
	      "a child that faults outside a probe is refused by its exception port and dies");
	vm_child_end(&children[1]);
	uint64_t matching = 0;
	enum vm_child_result counted =
	    vm_child_count(&grandchild, AREA, PAGES * VM_PAGE, 0xf000, &matching);
	check(counted == VM_CHILD_DONE && matching == PAGES,
	      "a grandchild whose parent was terminated keeps its own writes (%lu of %u)",
	      (unsigned long)matching, PAGES);
	vm_child_end(&children[3]);
	vm_child_end(&grandchild);
	counted = vm_child_count(&children[0], AREA, 16 * VM_PAGE, 0x8000, &matching);
	check(counted == VM_CHILD_DONE && matching == 16,
	      "the first child's writes survive its siblings' deaths (%lu of 16)",
	      (unsigned long)matching);
	vm_child_end(&children[0]);
	vm_child_end(&children[2]);

	bool ours = made && forked == CHILDREN;
	for (unsigned page = 0; ours && page < PAGES; page++)
		ours = *(volatile uint64_t *)(AREA + page * VM_PAGE) == 0x4000 + page;
	check(ours, "our own %u pages never saw any of their writes", PAGES);
	if (made)
		(void)vm_deallocate(self, AREA, PAGES * VM_PAGE);
}
