/* Conformance: vm_map of anonymous memory — placement, mask, offset, copy,
 * current and maximum protection, inheritance, refused values. */
#include "vm_conformance.h"

#define FIXED VM_SLOT(12)

static kern_return_t map(mach_port_t task, vm_address_t *address, vm_size_t size, vm_address_t mask,
                         boolean_t anywhere, vm_offset_t offset, boolean_t copy, vm_prot_t current,
                         vm_prot_t maximum, vm_inherit_t inheritance)
{
	return vm_map(task, address, size, mask, anywhere, MACH_PORT_NULL, offset, copy, current,
	              maximum, inheritance);
}

static void placement(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = 0;
	kern_return_t result = map(self, &address, 5 * VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_DEFAULT,
	                           VM_PROT_ALL, VM_INHERIT_COPY);
	bool made = result == KERN_SUCCESS;
	check(made && address % VM_PAGE == 0,
	      "vm_map of 5 anonymous pages anywhere succeeds at a page boundary (0x%x, 0x%lx)",
	      result, (unsigned long)address);
	check(made && vm_region_covers(self, address, 5 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                               VM_INHERIT_COPY),
	      "vm_region shows it with the protections and inheritance asked");
	check(made && vm_range_is_zero(address, 5 * VM_PAGE) &&
	          vm_probe_write(address + 5 * VM_PAGE - 8, 1),
	      "it reads as zero and is writable");
	if (made)
		(void)vm_deallocate(self, address, 5 * VM_PAGE);

	vm_address_t hint = 0x300000000000ul;
	address = hint;
	result = map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	             VM_INHERIT_COPY);
	check(result == KERN_SUCCESS && address >= hint,
	      "vm_map anywhere places memory at or after the address given (0x%lx)",
	      (unsigned long)address);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, VM_PAGE);

	static const vm_address_t masks[] = {VM_MIB - 1, 64 * VM_MIB - 1};
	for (unsigned i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		address = 0;
		result = map(self, &address, 3 * VM_PAGE, masks[i], TRUE, 0, FALSE, VM_PROT_DEFAULT,
		             VM_PROT_ALL, VM_INHERIT_COPY);
		check(result == KERN_SUCCESS && (address & masks[i]) == 0,
		      "vm_map anywhere with mask 0x%lx answers an address with none of its bits "
		      "(0x%lx)",
		      (unsigned long)masks[i], (unsigned long)address);
		if (result == KERN_SUCCESS)
			(void)vm_deallocate(self, address, 3 * VM_PAGE);
	}

	address = FIXED;
	result = map(self, &address, 2 * VM_PAGE, 0, FALSE, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	             VM_INHERIT_COPY);
	check(result == KERN_SUCCESS && address == FIXED,
	      "vm_map fixed at a free address succeeds there (0x%x)", result);
	vm_address_t clash = FIXED + VM_PAGE;
	kern_return_t refused = map(self, &clash, 2 * VM_PAGE, 0, FALSE, 0, FALSE, VM_PROT_DEFAULT,
	                            VM_PROT_ALL, VM_INHERIT_COPY);
	check(refused == KERN_NO_SPACE,
	      "vm_map fixed over allocated memory fails with KERN_NO_SPACE (0x%x)", refused);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, FIXED, 2 * VM_PAGE);
}

static void options(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = 0;
	kern_return_t result = map(self, &address, 2 * VM_PAGE, 0, TRUE, 3 * VM_PAGE, FALSE,
	                           VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY);
	check(result == KERN_SUCCESS && vm_range_is_zero(address, 2 * VM_PAGE),
	      "vm_map of anonymous memory with an offset succeeds with zeros (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, 2 * VM_PAGE);
	address = 0;
	result = map(self, &address, 2 * VM_PAGE, 0, TRUE, 0, TRUE, VM_PROT_DEFAULT, VM_PROT_ALL,
	             VM_INHERIT_COPY);
	check(result == KERN_SUCCESS && vm_range_is_zero(address, 2 * VM_PAGE) &&
	          vm_probe_write(address, 2),
	      "vm_map of anonymous memory with copy TRUE succeeds with writable zeros (0x%x)",
	      result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, 2 * VM_PAGE);
}

static void protections(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = 0;
	kern_return_t result = map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_READ,
	                           VM_PROT_READ, VM_INHERIT_COPY);
	bool made = result == KERN_SUCCESS;
	check(made && vm_region_covers(self, address, VM_PAGE, VM_PROT_READ, VM_PROT_READ,
	                               VM_INHERIT_COPY),
	      "vm_map read-only with maximum read shows so in vm_region (0x%x)", result);
	unsigned before = vm_last_fault().count;
	check(made && !vm_probe_write(address, 1) &&
	          vm_fault_was(before, self, KERN_PROTECTION_FAILURE, address),
	      "a write to it raises EXC_BAD_ACCESS / KERN_PROTECTION_FAILURE");
	check(made && vm_protect(self, address, VM_PAGE, FALSE, VM_PROT_DEFAULT) ==
	                  KERN_PROTECTION_FAILURE,
	      "vm_protect cannot make it writable beyond its maximum");
	if (made)
		(void)vm_deallocate(self, address, VM_PAGE);

	address = 0;
	result = map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_READ, VM_PROT_DEFAULT,
	             VM_INHERIT_COPY);
	made = result == KERN_SUCCESS;
	check(made && vm_protect(self, address, VM_PAGE, FALSE, VM_PROT_DEFAULT) == KERN_SUCCESS &&
	          vm_probe_write(address, 1),
	      "vm_map read-only with maximum read/write can be made writable (0x%x)", result);
	if (made)
		(void)vm_deallocate(self, address, VM_PAGE);

	static const vm_inherit_t inheritances[] = {VM_INHERIT_SHARE, VM_INHERIT_NONE};
	for (unsigned i = 0; i < 2; i++) {
		address = 0;
		result = map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_DEFAULT,
		             VM_PROT_ALL, inheritances[i]);
		check(result == KERN_SUCCESS &&
		          vm_region_covers(self, address, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
		                           inheritances[i]),
		      "vm_map with inheritance %d shows it in vm_region (0x%x)", inheritances[i],
		      result);
		if (result == KERN_SUCCESS)
			(void)vm_deallocate(self, address, VM_PAGE);
	}

	address = 0;
	result = map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, 9);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_map with an unknown inheritance fails with KERN_INVALID_ARGUMENT (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, VM_PAGE);
	address = 0;
	result =
	    map(self, &address, VM_PAGE, 0, TRUE, 0, FALSE, 0x100, VM_PROT_ALL, VM_INHERIT_COPY);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_map with an unknown protection bit fails with KERN_INVALID_ARGUMENT (0x%x)",
	      result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, VM_PAGE);
}

static void elsewhere(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = 0;
	kern_return_t result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = map(task, &address, 4 * VM_PAGE, 0, TRUE, 0, FALSE, VM_PROT_READ,
		             VM_PROT_DEFAULT, VM_INHERIT_SHARE);
	check(result == KERN_SUCCESS && vm_region_is(task, address, 4 * VM_PAGE, VM_PROT_READ,
	                                             VM_PROT_DEFAULT, VM_INHERIT_SHARE),
	      "vm_map into another task makes the region asked there (0x%x)", result);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}

	vm_statistics_data_t before = {0}, after = {0};
	bool counted = vm_statistics_now(&before);
	address = 0;
	result = map(self, &address, VM_GIB, 0, TRUE, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	             VM_INHERIT_COPY);
	counted = vm_statistics_now(&after) && counted;
	check(result == KERN_SUCCESS && counted && before.free_count - after.free_count < 64,
	      "vm_map of 1 GiB of anonymous memory costs (almost) no free pages (0x%x, %d)", result,
	      before.free_count - after.free_count);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, VM_GIB);
}

void vm_conformance_map(void)
{
	placement();
	options();
	protections();
	elsewhere();
}
