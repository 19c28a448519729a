/* Conformance: vm_read — out-of-line data equal to and apart from the source, in
 * our task or another; unallocated and unreadable ranges refused. */
#include "vm_conformance.h"

#define SOURCE VM_SLOT(8)
#define PAGES  4

static kern_return_t read_range(mach_port_t task, vm_address_t address, vm_size_t size,
                                vm_offset_t *data, mach_msg_type_number_t *count)
{
	*data = 0;
	*count = 0;
	return vm_read(task, address, size, data, count);
}

static void release(kern_return_t result, vm_offset_t data, mach_msg_type_number_t count)
{
	if (result == KERN_SUCCESS && count)
		(void)vm_deallocate(mach_task_self(), data, count);
}

static void own_memory(void)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(SOURCE, PAGES * VM_PAGE);
	if (made)
		vm_pattern_fill(SOURCE, PAGES * VM_PAGE, 1);
	vm_offset_t data;
	mach_msg_type_number_t count;
	kern_return_t result = read_range(self, SOURCE, PAGES * VM_PAGE, &data, &count);
	bool got = result == KERN_SUCCESS && count == PAGES * VM_PAGE;
	check(got, "vm_read of 4 pages of our own memory succeeds with 4 pages of data (0x%x, %u)",
	      result, count);
	check(got && data != SOURCE && data % VM_PAGE == 0,
	      "the data arrives out of line, page-aligned, at a new address (0x%lx)",
	      (unsigned long)data);
	check(got && vm_pattern_matches(data, PAGES * VM_PAGE, 1), "it equals the source");
	if (made)
		*(volatile uint64_t *)SOURCE = 0x5eed;
	check(got && made && vm_pattern_matches(data, VM_PAGE, 1),
	      "a write to the source afterwards does not change the data read");
	if (got)
		*(volatile uint64_t *)(data + VM_PAGE) = 0xda7a;
	check(got && made && vm_pattern_matches_from(SOURCE + VM_PAGE, VM_PAGE, 1, VM_PAGE),
	      "a write to the data does not change the source");
	release(result, data, count);

	result = read_range(self, SOURCE + 2 * VM_PAGE, VM_PAGE, &data, &count);
	check(result == KERN_SUCCESS && count == VM_PAGE && made &&
	          vm_pattern_matches_from(data, VM_PAGE, 1, 2 * VM_PAGE),
	      "vm_read of one page from the middle of a region answers that page (0x%x, %u)",
	      result, count);
	release(result, data, count);
}

static void other_task(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = 0;
	kern_return_t result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = vm_allocate(task, &address, 64 * VM_PAGE, TRUE);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	if (result == KERN_SUCCESS)
		result = read_range(task, address, 64 * VM_PAGE, &data, &count);
	check(result == KERN_SUCCESS && count == 64 * VM_PAGE && vm_range_is_zero(data, count),
	      "vm_read of another task's new memory answers its zeros (0x%x)", result);
	release(result, data, count);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
}

static void refused(void)
{
	mach_port_t self = mach_task_self();
	vm_offset_t data;
	mach_msg_type_number_t count;
	kern_return_t result = read_range(self, SOURCE + 64 * VM_PAGE, VM_PAGE, &data, &count);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_read of unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	release(result, data, count);
	result = read_range(self, SOURCE + (PAGES - 1) * VM_PAGE, 2 * VM_PAGE, &data, &count);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_read running past the end of allocated memory fails with KERN_INVALID_ADDRESS "
	      "(0x%x)",
	      result);
	release(result, data, count);
	kern_return_t protected = vm_protect(self, SOURCE, VM_PAGE, FALSE, VM_PROT_NONE);
	result = read_range(self, SOURCE, VM_PAGE, &data, &count);
	check(protected == KERN_SUCCESS && result == KERN_PROTECTION_FAILURE,
	      "vm_read of memory protected VM_PROT_NONE fails with KERN_PROTECTION_FAILURE (0x%x)",
	      result);
	release(result, data, count);
	(void)vm_protect(self, SOURCE, VM_PAGE, FALSE, VM_PROT_DEFAULT);
	(void)vm_deallocate(self, SOURCE, PAGES * VM_PAGE);
}

static void large(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t source = vm_new_region(VM_MIB);
	if (source)
		vm_pattern_fill(source, VM_MIB, 2);
	vm_offset_t data;
	mach_msg_type_number_t count;
	kern_return_t result = read_range(self, source, VM_MIB, &data, &count);
	check(source && result == KERN_SUCCESS && count == VM_MIB &&
	          vm_pattern_matches(data, VM_MIB, 2),
	      "vm_read of 1 MiB answers all of it (0x%x)", result);
	result = result == KERN_SUCCESS ? vm_deallocate(self, data, count) : result;
	check(result == KERN_SUCCESS, "the data read can be deallocated (0x%x)", result);
	if (source)
		(void)vm_deallocate(self, source, VM_MIB);
}

void vm_conformance_read(void)
{
	own_memory();
	other_task();
	refused();
	large();
}
