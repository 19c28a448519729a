/* Conformance: vm_copy — the destination equals the source as it was (overlap
 * allowed) and stays apart; bad ranges, protections and alignment refused. */
#include "vm_conformance.h"

#define AREA  VM_SLOT(10)
#define PAGES 8

/* The area: pages [0, 4) hold pattern 5, pages [4, 8) pattern 6. */
static void refill(void)
{
	vm_pattern_fill(AREA, 4 * VM_PAGE, 5);
	vm_pattern_fill(AREA + 4 * VM_PAGE, 4 * VM_PAGE, 6);
}

static void plain(bool made)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = vm_copy(self, AREA, 2 * VM_PAGE, AREA + 4 * VM_PAGE);
	check(result == KERN_SUCCESS, "vm_copy of 2 pages succeeds (0x%x)", result);
	check(made && result == KERN_SUCCESS &&
	          vm_pattern_matches(AREA + 4 * VM_PAGE, 2 * VM_PAGE, 5),
	      "the destination then equals the source");
	check(made && result == KERN_SUCCESS && vm_pattern_matches(AREA, 4 * VM_PAGE, 5) &&
	          vm_pattern_matches_from(AREA + 6 * VM_PAGE, 2 * VM_PAGE, 6, 2 * VM_PAGE),
	      "the source, and the memory after the destination, are unchanged");
	if (made)
		*(volatile uint64_t *)AREA = 0x5eed;
	check(made && result == KERN_SUCCESS && vm_pattern_matches(AREA + 4 * VM_PAGE, VM_PAGE, 5),
	      "a later write to the source does not reach the destination");
	if (made)
		*(volatile uint64_t *)(AREA + 5 * VM_PAGE) = 0xda7a;
	check(made && result == KERN_SUCCESS &&
	          vm_pattern_matches_from(AREA + VM_PAGE, VM_PAGE, 5, VM_PAGE),
	      "a later write to the destination does not reach the source");
}

static void overlapping(bool made)
{
	mach_port_t self = mach_task_self();
	if (made)
		refill();
	kern_return_t result = vm_copy(self, AREA, 4 * VM_PAGE, AREA + 2 * VM_PAGE);
	check(result == KERN_SUCCESS && made &&
	          vm_pattern_matches(AREA + 2 * VM_PAGE, 4 * VM_PAGE, 5),
	      "vm_copy forwards onto an overlapping destination copies the source as it was "
	      "(0x%x)",
	      result);
	if (made)
		refill();
	result = vm_copy(self, AREA + 2 * VM_PAGE, 4 * VM_PAGE, AREA);
	/* Pages [0, 2) get pages [2, 4) of pattern 5, pages [2, 4) the start of pattern 6. */
	check(result == KERN_SUCCESS && made &&
	          *(volatile uint64_t *)AREA == vm_pattern_word(5, 2 * VM_PAGE) &&
	          *(volatile uint64_t *)(AREA + 2 * VM_PAGE - 8) ==
	              vm_pattern_word(5, 4 * VM_PAGE - 8) &&
	          vm_pattern_matches(AREA + 2 * VM_PAGE, 2 * VM_PAGE, 6),
	      "vm_copy backwards onto an overlapping destination too (0x%x)", result);
}

static void refused(bool made)
{
	mach_port_t self = mach_task_self();
	if (made)
		refill();
	kern_return_t result = vm_copy(self, AREA + 64 * VM_PAGE, VM_PAGE, AREA);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_copy from unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	result = vm_copy(self, AREA, VM_PAGE, AREA + 64 * VM_PAGE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_copy to unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	result = vm_copy(self, AREA, 2 * VM_PAGE, AREA + 7 * VM_PAGE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_copy to a destination running past allocated memory fails with "
	      "KERN_INVALID_ADDRESS (0x%x)",
	      result);
	kern_return_t protected =
	    vm_protect(self, AREA + 4 * VM_PAGE, 4 * VM_PAGE, FALSE, VM_PROT_READ);
	result = vm_copy(self, AREA, VM_PAGE, AREA + 4 * VM_PAGE);
	check(protected == KERN_SUCCESS && result == KERN_PROTECTION_FAILURE,
	      "vm_copy to read-only memory fails with KERN_PROTECTION_FAILURE (0x%x)", result);
	check(made && protected == KERN_SUCCESS &&
	          vm_pattern_matches(AREA + 4 * VM_PAGE, VM_PAGE, 6),
	      "and leaves the destination unchanged");
	(void)vm_protect(self, AREA + 4 * VM_PAGE, 4 * VM_PAGE, FALSE, VM_PROT_DEFAULT);
	protected = vm_protect(self, AREA, VM_PAGE, FALSE, VM_PROT_NONE);
	result = vm_copy(self, AREA, VM_PAGE, AREA + 4 * VM_PAGE);
	check(protected == KERN_SUCCESS && result == KERN_PROTECTION_FAILURE,
	      "vm_copy from memory protected VM_PROT_NONE fails with KERN_PROTECTION_FAILURE "
	      "(0x%x)",
	      result);
	(void)vm_protect(self, AREA, VM_PAGE, FALSE, VM_PROT_DEFAULT);
	result = vm_copy(self, AREA + 8, VM_PAGE, AREA + 4 * VM_PAGE);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_copy from an address that is not page-aligned fails with KERN_INVALID_ARGUMENT "
	      "(0x%x)",
	      result);
	result = vm_copy(self, AREA, VM_PAGE, AREA + 4 * VM_PAGE + 8);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_copy to an address that is not page-aligned fails with KERN_INVALID_ARGUMENT "
	      "(0x%x)",
	      result);
}

static void lazy(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t untouched = vm_new_region(4 * VM_PAGE);
	vm_address_t written = vm_new_region(4 * VM_PAGE);
	if (written)
		vm_pattern_fill(written, 4 * VM_PAGE, 7);
	kern_return_t result = vm_copy(self, untouched, 4 * VM_PAGE, written);
	check(untouched && written && result == KERN_SUCCESS &&
	          vm_range_is_zero(written, 4 * VM_PAGE),
	      "vm_copy of never-touched memory gives zeros (0x%x)", result);
	if (untouched)
		(void)vm_deallocate(self, untouched, 4 * VM_PAGE);
	if (written)
		(void)vm_deallocate(self, written, 4 * VM_PAGE);
}

void vm_conformance_copy(void)
{
	bool made = vm_new_region_at(AREA, PAGES * VM_PAGE);
	if (made)
		refill();
	plain(made);
	overlapping(made);
	refused(made);
	lazy();
	if (made)
		(void)vm_deallocate(mach_task_self(), AREA, PAGES * VM_PAGE);
}
