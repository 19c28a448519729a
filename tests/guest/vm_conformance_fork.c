/* Conformance: forks are copy-on-write (vm_statistics shows the cost), nest
 * through a child's task port, and leave no pages or objects behind. */
#include "vm_conformance.h"

#define WORKING VM_SLOT(7)
#define PAGES   512
#define WRITTEN 256
#define SLACK   64
#define NESTED  (VM_SLOT(7) + 1024 * VM_PAGE)
#define NSHARED (VM_SLOT(7) + 1040 * VM_PAGE)

static bool reads(struct vm_child *child, uint64_t address, uint64_t expected)
{
	uint64_t word = ~expected;
	return vm_child_read(child, address, &word) == VM_CHILD_DONE && word == expected;
}

static void cost(void)
{
	mach_port_t self = mach_task_self();
	struct vm_accounting start;
	vm_accounting_take(&start);
	bool made = vm_new_region_at(WORKING, PAGES * VM_PAGE);
	for (unsigned page = 0; made && page < PAGES; page++)
		*(volatile uint64_t *)(WORKING + page * VM_PAGE) = 0x7000 + page;
	vm_statistics_data_t touched = {0}, forked = {0}, written = {0}, ended = {0};
	bool counted = vm_statistics_now(&touched);

	struct vm_child child;
	bool alive = vm_child_fork(self, &child);
	counted = vm_statistics_now(&forked) && counted;
	check(alive && counted && touched.free_count - forked.free_count < SLACK,
	      "forking a task holding %u written pages takes almost no free pages (%d)", PAGES,
	      touched.free_count - forked.free_count);
	check(vm_child_fill(&child, WORKING, WRITTEN * VM_PAGE, 0x9000) == VM_CHILD_DONE,
	      "the child writes %u of those pages", WRITTEN);
	counted = vm_statistics_now(&written) && counted;
	check(alive && counted && forked.free_count - written.free_count >= WRITTEN,
	      "each page the child writes takes a free page (%d for %u)",
	      forked.free_count - written.free_count, WRITTEN);
	check(alive && counted && written.cow_faults - forked.cow_faults >= WRITTEN,
	      "vm_statistics counts at least %u copy-on-write faults more (%d)", WRITTEN,
	      written.cow_faults - forked.cow_faults);
	uint64_t matching = 0;
	enum vm_child_result counted_rest =
	    vm_child_count(&child, WORKING + WRITTEN * VM_PAGE, (PAGES - WRITTEN) * VM_PAGE,
	                   0x7000 + WRITTEN, &matching);
	check(counted_rest == VM_CHILD_DONE && matching == PAGES - WRITTEN,
	      "the pages the child did not write still show ours in the child (%lu of %u)",
	      (unsigned long)matching, PAGES - WRITTEN);
	bool ours = made && alive;
	for (unsigned page = 0; ours && page < PAGES; page++)
		ours = *(volatile uint64_t *)(WORKING + page * VM_PAGE) == 0x7000 + page;
	check(ours, "all %u pages still hold our own words for us", PAGES);

	vm_child_end(&child);
	/* The task ends once its thread is reaped: give it up to 3 s. */
	for (unsigned tries = 0; tries < 30; tries++) {
		if (vm_statistics_now(&ended) && ended.free_count - written.free_count >= WRITTEN)
			break;
		vm_sleep(100);
	}
	counted = vm_statistics_now(&ended) && counted;
	check(alive && counted && ended.free_count - written.free_count >= WRITTEN,
	      "once the child is gone its copies are free again (%d back)",
	      ended.free_count - written.free_count);
	if (made)
		(void)vm_deallocate(self, WORKING, PAGES * VM_PAGE);
	vm_accounting_check(&start, 64, "after a fork, its child's writes and its end");
}

static void nested(void)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(NESTED, 2 * VM_PAGE) && vm_new_region_at(NSHARED, VM_PAGE) &&
	            vm_inherit(self, NSHARED, VM_PAGE, VM_INHERIT_SHARE) == KERN_SUCCESS;
	if (made)
		*(volatile uint64_t *)NESTED = 0xa0;
	struct vm_child child, grandchild;
	(void)vm_child_fork(self, &child);
	(void)vm_child_write(&child, NESTED, 0xa1);
	check(vm_child_fork(child.task, &grandchild),
	      "task_create(inherit_memory TRUE) through a child's task port makes a grandchild");
	check(reads(&grandchild, NESTED, 0xa1),
	      "the grandchild inherits the child's memory (the child's write), not ours");
	check(vm_child_write(&grandchild, NESTED, 0xa2) == VM_CHILD_DONE &&
	          reads(&child, NESTED, 0xa1) && made && *(volatile uint64_t *)NESTED == 0xa0,
	      "the grandchild's write is its own: the child and we still see ours");
	if (made)
		*(volatile uint64_t *)NSHARED = 0xb0;
	check(reads(&grandchild, NSHARED, 0xb0),
	      "VM_INHERIT_SHARE memory inherited twice shows our writes to the grandchild");
	check(vm_child_write(&grandchild, NSHARED + 8, 0xb1) == VM_CHILD_DONE && made &&
	          *(volatile uint64_t *)(NSHARED + 8) == 0xb1 && reads(&child, NSHARED + 8, 0xb1),
	      "and the grandchild's writes to it to us and to the child");
	vm_child_end(&child);
	check(reads(&grandchild, NESTED, 0xa2) && vm_child_alive(&grandchild),
	      "the grandchild lives on, memory intact, after the child is terminated");
	vm_child_end(&grandchild);
	(void)vm_deallocate(self, NESTED, 2 * VM_PAGE);
	(void)vm_deallocate(self, NSHARED, VM_PAGE);
}

static void crash(void)
{
	struct vm_accounting start;
	vm_accounting_take(&start);
	struct vm_child child;
	(void)vm_child_fork(mach_task_self(), &child);
	unsigned before = vm_last_fault().count;
	vm_child_crash(&child);
	check(!vm_child_alive(&child) && vm_fault_was(before, child.task, KERN_INVALID_ADDRESS, 0),
	      "a child that touches address 0 outside a probe is refused by its exception port "
	      "and dies");
	vm_child_end(&child);
	vm_accounting_check(&start, 64, "after a child died of a fault");
}

void vm_conformance_fork(void)
{
	cost();
	nested();
	crash();
}
