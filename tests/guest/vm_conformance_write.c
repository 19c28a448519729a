/* Conformance: vm_write — data lands in our task or another as a copy; read-only
 * and unallocated targets refused and left unchanged. */
#include "vm_conformance.h"

#define TARGET VM_SLOT(9)
#define PAGES  2

void vm_conformance_write(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t buffer = vm_new_region(PAGES * VM_PAGE);
	bool made = buffer && vm_new_region_at(TARGET, PAGES * VM_PAGE);
	if (buffer)
		vm_pattern_fill(buffer, PAGES * VM_PAGE, 3);

	kern_return_t result = vm_write(self, TARGET, buffer, PAGES * VM_PAGE);
	check(result == KERN_SUCCESS, "vm_write of 2 pages into our own memory succeeds (0x%x)",
	      result);
	check(made && result == KERN_SUCCESS && vm_pattern_matches(TARGET, PAGES * VM_PAGE, 3),
	      "the target then holds the data");
	if (buffer)
		*(volatile uint64_t *)buffer = 0x5eed;
	check(made && result == KERN_SUCCESS && vm_pattern_matches(TARGET, VM_PAGE, 3),
	      "a later write to the source buffer does not reach the target");
	result = vm_write(self, TARGET + VM_PAGE, buffer + VM_PAGE, VM_PAGE);
	check(result == KERN_SUCCESS && made && vm_pattern_matches(TARGET, VM_PAGE, 3) &&
	          vm_pattern_matches_from(TARGET + VM_PAGE, VM_PAGE, 3, VM_PAGE),
	      "vm_write of the second page alone writes it and leaves the first as it was (0x%x)",
	      result);

	kern_return_t protected = vm_protect(self, TARGET, PAGES * VM_PAGE, FALSE, VM_PROT_READ);
	if (buffer)
		vm_pattern_fill(buffer, PAGES * VM_PAGE, 4);
	result = vm_write(self, TARGET, buffer, PAGES * VM_PAGE);
	check(protected == KERN_SUCCESS && result == KERN_PROTECTION_FAILURE,
	      "vm_write to read-only memory fails with KERN_PROTECTION_FAILURE (0x%x)", result);
	check(made && protected == KERN_SUCCESS &&
	          vm_pattern_matches_from(TARGET + VM_PAGE, VM_PAGE, 3, VM_PAGE),
	      "and leaves that memory unchanged");
	(void)vm_protect(self, TARGET, PAGES * VM_PAGE, FALSE, VM_PROT_DEFAULT);

	result = vm_write(self, TARGET + 64 * VM_PAGE, buffer, VM_PAGE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_write to unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	result = vm_write(self, TARGET + VM_PAGE, buffer, 2 * VM_PAGE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_write running past the end of allocated memory fails with "
	      "KERN_INVALID_ADDRESS (0x%x)",
	      result);

	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = 0;
	result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = vm_allocate(task, &address, PAGES * VM_PAGE, TRUE);
	if (result == KERN_SUCCESS)
		result = vm_write(task, address, buffer, PAGES * VM_PAGE);
	check(result == KERN_SUCCESS, "vm_write into another task's memory succeeds (0x%x)",
	      result);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t read = vm_read(task, address, PAGES * VM_PAGE, &data, &count);
	check(result == KERN_SUCCESS && read == KERN_SUCCESS && count == PAGES * VM_PAGE &&
	          vm_pattern_matches(data, count, 4),
	      "vm_read of that task's memory gives back what was written (0x%x)", read);
	if (read == KERN_SUCCESS)
		(void)vm_deallocate(self, data, count);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
	if (made)
		(void)vm_deallocate(self, TARGET, PAGES * VM_PAGE);
	if (buffer)
		(void)vm_deallocate(self, buffer, PAGES * VM_PAGE);
}
