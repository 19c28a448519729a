/* Conformance: vm_protect — read-only and no-access memory fault on the thread's
 * exception port, page rounding, set_maximum and its limits. */
#include "vm_conformance.h"

#define PAGES 4

static uint64_t marker(unsigned page)
{
	return 0x9f00ul + page;
}

static bool holds(vm_address_t address, uint64_t expected)
{
	uint64_t word = 0;
	return vm_probe_read(address, &word) && word == expected;
}

static bool access_faults(vm_address_t address, bool write)
{
	unsigned before = vm_last_fault().count;
	bool made = write ? vm_probe_write(address, 0xbad) : vm_probe_read(address, NULL);
	return !made && vm_fault_was(before, mach_task_self(), KERN_PROTECTION_FAILURE, address);
}

static bool writable(vm_address_t address, uint64_t value)
{
	return vm_probe_write(address, value) && holds(address, value);
}

static void read_only(vm_address_t base)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_READ);
	check(result == KERN_SUCCESS, "vm_protect to VM_PROT_READ succeeds (0x%x)", result);
	check(vm_region_is(self, base, PAGES * VM_PAGE, VM_PROT_READ, VM_PROT_ALL,
	                   VM_INHERIT_DEFAULT),
	      "vm_region shows the current protection read, the maximum still all");
	check(result == KERN_SUCCESS && holds(base, marker(0)), "read-only memory reads as before");
	check(access_faults(base + VM_PAGE + 8, true),
	      "a write to it raises EXC_BAD_ACCESS / KERN_PROTECTION_FAILURE at the address, on "
	      "the thread's exception port");
	check(result == KERN_SUCCESS && holds(base + VM_PAGE, marker(1)),
	      "the refused write changed nothing");
	result = vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_DEFAULT);
	check(result == KERN_SUCCESS && writable(base + VM_PAGE, marker(1)),
	      "vm_protect back to read/write lets writes through again (0x%x)", result);

	result = vm_protect(self, base + VM_PAGE + 100, 1, FALSE, VM_PROT_READ);
	check(result == KERN_SUCCESS && access_faults(base + VM_PAGE, true) &&
	          writable(base + VM_PAGE - 8, 1) && writable(base + 2 * VM_PAGE, marker(2)),
	      "vm_protect of 1 byte protects its whole page and no other (0x%x)", result);
	check(vm_region_is(self, base, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT) &&
	          vm_region_is(self, base + VM_PAGE, VM_PAGE, VM_PROT_READ, VM_PROT_ALL,
	                       VM_INHERIT_DEFAULT) &&
	          vm_region_is(self, base + 2 * VM_PAGE, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_DEFAULT),
	      "vm_region shows the region split in three around the read-only page");
	(void)vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_DEFAULT);
	(void)vm_probe_write(base, marker(0));
}

static void no_access(vm_address_t base)
{
	mach_port_t self = mach_task_self();
	vm_address_t page = base + 2 * VM_PAGE;
	kern_return_t result = vm_protect(self, page, VM_PAGE, FALSE, VM_PROT_NONE);
	check(result == KERN_SUCCESS, "vm_protect to VM_PROT_NONE succeeds (0x%x)", result);
	check(access_faults(page + 16, false),
	      "a read of it raises EXC_BAD_ACCESS / KERN_PROTECTION_FAILURE at the address");
	check(access_faults(page + 24, true), "so does a write");
	check(vm_region_is(self, page, VM_PAGE, VM_PROT_NONE, VM_PROT_ALL, VM_INHERIT_DEFAULT),
	      "vm_region shows it with protection none");
	result = vm_protect(self, page, VM_PAGE, FALSE, VM_PROT_DEFAULT);
	check(result == KERN_SUCCESS && holds(page, marker(2)),
	      "made accessible again, it still holds its contents (0x%x)", result);
}

static void maximum(vm_address_t base)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = vm_protect(self, base, PAGES * VM_PAGE, TRUE, VM_PROT_READ);
	check(result == KERN_SUCCESS, "vm_protect with set_maximum to VM_PROT_READ succeeds (0x%x)",
	      result);
	check(vm_range_has(self, base, PAGES * VM_PAGE, VM_PROT_READ, VM_PROT_READ,
	                   VM_INHERIT_DEFAULT),
	      "the maximum became read, and the current protection was lowered to it");
	check(access_faults(base + 8, true), "a write now faults");
	result = vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_DEFAULT);
	check(result == KERN_PROTECTION_FAILURE,
	      "raising the current protection above the maximum fails with "
	      "KERN_PROTECTION_FAILURE (0x%x)",
	      result);
	result = vm_protect(self, base, PAGES * VM_PAGE, TRUE, VM_PROT_DEFAULT);
	check(result == KERN_PROTECTION_FAILURE,
	      "raising the maximum fails with KERN_PROTECTION_FAILURE (0x%x)", result);
	check(vm_range_has(self, base, PAGES * VM_PAGE, VM_PROT_READ, VM_PROT_READ,
	                   VM_INHERIT_DEFAULT),
	      "the refused calls changed nothing");
	result = vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_NONE);
	kern_return_t raised = vm_protect(self, base, PAGES * VM_PAGE, FALSE, VM_PROT_READ);
	check(result == KERN_SUCCESS && raised == KERN_SUCCESS && holds(base, marker(0)),
	      "the current protection can be lowered and raised again up to the maximum "
	      "(0x%x, 0x%x)",
	      result, raised);
}

static void refused(vm_address_t base)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = vm_protect(self, base, VM_PAGE, FALSE, 0x100);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_protect with an unknown protection bit fails with KERN_INVALID_ARGUMENT (0x%x)",
	      result);
	result = vm_protect(self, base + 64 * VM_PAGE, VM_PAGE, FALSE, VM_PROT_READ);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_protect of unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	result = vm_protect(self, base, 0, FALSE, VM_PROT_NONE);
	check(result == KERN_SUCCESS && holds(base, marker(0)),
	      "vm_protect of 0 bytes succeeds and changes nothing (0x%x)", result);
}

static void other_task(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = VM_SLOT(4);
	kern_return_t result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = vm_allocate(task, &address, 2 * VM_PAGE, FALSE);
	if (result == KERN_SUCCESS)
		result = vm_protect(task, address, 2 * VM_PAGE, FALSE, VM_PROT_READ);
	check(result == KERN_SUCCESS && vm_region_is(task, address, 2 * VM_PAGE, VM_PROT_READ,
	                                             VM_PROT_ALL, VM_INHERIT_DEFAULT),
	      "vm_protect through another task's port changes that task's region (0x%x)", result);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
}

void vm_conformance_protect(void)
{
	vm_address_t base = VM_SLOT(4);
	bool made = vm_new_region_at(base, PAGES * VM_PAGE);
	for (unsigned page = 0; made && page < PAGES; page++)
		*(volatile uint64_t *)(base + page * VM_PAGE) = marker(page);
	read_only(base);
	no_access(base);
	maximum(base);
	refused(base);
	kern_return_t result = vm_deallocate(mach_task_self(), base, PAGES * VM_PAGE);
	check(result == KERN_SUCCESS && vm_range_unmapped(mach_task_self(), base, PAGES * VM_PAGE),
	      "vm_deallocate of memory whose maximum is read-only succeeds (0x%x)", result);
	other_task();
}
