/* Conformance: vm_deallocate of parts, holes, unaligned and empty ranges; what
 * went faults with KERN_INVALID_ADDRESS, the rest keeps its contents. */
#include "vm_conformance.h"

#define PAGES 8

static uint64_t marker(unsigned page)
{
	return 0xdea110c000ul + page;
}

/* True if page i of base holds its marker. */
static bool page_kept(vm_address_t base, unsigned page)
{
	uint64_t word = 0;
	return vm_probe_read(base + page * VM_PAGE, &word) && word == marker(page);
}

/* True if reading page i of base faults as unallocated memory. */
static bool page_gone(vm_address_t base, unsigned page)
{
	unsigned before = vm_last_fault().count;
	uint64_t address = base + page * VM_PAGE + 16;
	return !vm_probe_read(address, NULL) &&
	       vm_fault_was(before, mach_task_self(), KERN_INVALID_ADDRESS, address);
}

void vm_conformance_deallocate(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t base = VM_SLOT(3);
	bool made = vm_new_region_at(base, PAGES * VM_PAGE);
	for (unsigned page = 0; made && page < PAGES; page++)
		*(volatile uint64_t *)(base + page * VM_PAGE) = marker(page);

	kern_return_t result = vm_deallocate(self, base + 2 * VM_PAGE, 2 * VM_PAGE);
	check(result == KERN_SUCCESS, "vm_deallocate of 2 pages inside a region succeeds (0x%x)",
	      result);
	check(page_gone(base, 2) && page_gone(base, 3),
	      "reading them then raises EXC_BAD_ACCESS / KERN_INVALID_ADDRESS at the address");
	check(page_kept(base, 0) && page_kept(base, 1) && page_kept(base, 4) && page_kept(base, 7),
	      "the pages around them keep their contents");
	check(vm_region_is(self, base, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                   VM_INHERIT_DEFAULT) &&
	          vm_region_is(self, base + 4 * VM_PAGE, 4 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_DEFAULT),
	      "vm_region shows the region split in two around the hole");
	struct vm_region_answer next = vm_region_of(self, base + 2 * VM_PAGE);
	check(next.result == KERN_SUCCESS && next.address == base + 4 * VM_PAGE,
	      "vm_region in the hole answers the region after it (0x%lx)",
	      (unsigned long)next.address);

	result = vm_deallocate(self, base + VM_PAGE, 4 * VM_PAGE);
	check(result == KERN_SUCCESS, "vm_deallocate of a range with a hole inside succeeds (0x%x)",
	      result);
	check(page_gone(base, 1) && page_gone(base, 4) && page_kept(base, 0) && page_kept(base, 5),
	      "it removed the allocated pages on both sides of the hole, and only those");

	result = vm_deallocate(self, base + 5 * VM_PAGE + 100, 8);
	check(result == KERN_SUCCESS && page_gone(base, 5) && page_kept(base, 6),
	      "vm_deallocate of 8 bytes inside a page removes that whole page (0x%x)", result);

	result = vm_deallocate(self, base + 6 * VM_PAGE, 0);
	check(result == KERN_SUCCESS && page_kept(base, 6),
	      "vm_deallocate of 0 bytes succeeds and removes nothing (0x%x)", result);

	result = vm_deallocate(self, base + 2 * VM_PAGE, 2 * VM_PAGE);
	check(result == KERN_SUCCESS,
	      "vm_deallocate of a range with nothing allocated succeeds (0x%x)", result);

	vm_address_t again = base + 2 * VM_PAGE;
	result = vm_allocate(self, &again, 2 * VM_PAGE, FALSE);
	check(result == KERN_SUCCESS && again == base + 2 * VM_PAGE &&
	          vm_range_is_zero(again, 2 * VM_PAGE),
	      "the freed range can be allocated again and reads as zero (0x%x)", result);

	result = vm_deallocate(self, base, PAGES * VM_PAGE);
	check(result == KERN_SUCCESS && vm_range_unmapped(self, base, PAGES * VM_PAGE),
	      "vm_deallocate of the whole range leaves nothing of it in vm_region (0x%x)", result);
	check(page_gone(base, 0) && page_gone(base, 6), "and its last pages fault too");

	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = 0;
	result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = vm_allocate(task, &address, 4 * VM_PAGE, TRUE);
	if (result == KERN_SUCCESS)
		result = vm_deallocate(task, address, 4 * VM_PAGE);
	check(result == KERN_SUCCESS && vm_region_of(task, 0).result == KERN_NO_SPACE,
	      "vm_deallocate through another task's port removes its memory (0x%x)", result);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
}
