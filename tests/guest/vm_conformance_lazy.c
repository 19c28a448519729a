/* Conformance: lazy allocation — a GiB costs no pages until written; each page
 * written is one zero-filled page, given back on vm_deallocate. */
#include "vm_conformance.h"

#define TOUCHED 256
#define SLACK   64

void vm_conformance_lazy(void)
{
	mach_port_t self = mach_task_self();
	vm_statistics_data_t start = {0}, allocated = {0}, touched = {0}, freed = {0};
	bool counted = vm_statistics_now(&start);
	vm_address_t base = 0;
	kern_return_t result = vm_allocate(self, &base, VM_GIB, TRUE);
	bool made = result == KERN_SUCCESS;
	check(made,
	      "vm_allocate anywhere of 1 GiB, more than the machine's memory, succeeds (0x%x)",
	      result);
	counted = vm_statistics_now(&allocated) && counted;
	check(made && counted && start.free_count - allocated.free_count < SLACK,
	      "it takes (almost) no free pages: %d before, %d after", start.free_count,
	      allocated.free_count);
	check(made && vm_region_covers(self, base, VM_GIB, VM_PROT_DEFAULT, VM_PROT_ALL,
	                               VM_INHERIT_DEFAULT),
	      "vm_region shows the whole GiB");

	vm_address_t middle = base + VM_GIB / 2;
	for (unsigned page = 0; made && page < TOUCHED; page++)
		*(volatile uint64_t *)(middle + page * VM_PAGE) = page + 1;
	counted = vm_statistics_now(&touched) && counted;
	integer_t taken = allocated.free_count - touched.free_count;
	check(made && counted && taken >= TOUCHED && taken < TOUCHED + SLACK,
	      "writing one word in each of %u pages takes that many free pages (%d)", TOUCHED,
	      taken);
	check(made && counted && touched.zero_fill_count - allocated.zero_fill_count >= TOUCHED,
	      "vm_statistics counts at least %u zero-fill pages more (%d)", TOUCHED,
	      touched.zero_fill_count - allocated.zero_fill_count);
	check(made && counted && touched.faults - allocated.faults >= TOUCHED,
	      "vm_statistics counts at least %u faults more (%d)", TOUCHED,
	      touched.faults - allocated.faults);

	bool kept = made;
	for (unsigned page = 0; kept && page < TOUCHED; page++)
		kept = *(volatile uint64_t *)(middle + page * VM_PAGE) == page + 1 &&
		       vm_range_is_zero(middle + page * VM_PAGE + 8, VM_PAGE - 8);
	check(kept, "each touched page holds its word and zeros elsewhere");
	uint64_t word = 1;
	check(made && vm_probe_read(middle + TOUCHED * VM_PAGE, &word) && word == 0,
	      "a page never written reads as zero");
	check(made && vm_probe_write(base + VM_GIB - 8, 0x1a2b) &&
	          vm_probe_read(base + VM_GIB - 8, &word) && word == 0x1a2b,
	      "the last word of the GiB is writable");

	result = made ? vm_deallocate(self, base, VM_GIB) : KERN_FAILURE;
	check(result == KERN_SUCCESS, "vm_deallocate of the GiB succeeds (0x%x)", result);
	counted = vm_statistics_now(&freed) && counted;
	check(made && counted && freed.free_count - touched.free_count >= TOUCHED,
	      "it gives the touched pages back: %d free before, %d after", touched.free_count,
	      freed.free_count);
	check(made && counted && start.free_count - freed.free_count < SLACK,
	      "free pages are back within %d of where they started (%d, %d)", SLACK,
	      start.free_count, freed.free_count);
}
