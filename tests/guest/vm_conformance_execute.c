/* Conformance: execute permission — code runs with VM_PROT_EXECUTE, faults
 * without it (x86-64 no-execute pages); our own code is read/execute. */
#include "vm_conformance.h"

#define X86_RET 0xc3

void vm_conformance_execute(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t code = VM_SLOT(5);
	bool made = vm_new_region_at(code, VM_PAGE);
	if (made)
		*(volatile uint8_t *)code = X86_RET;

	kern_return_t result =
	    vm_protect(self, code, VM_PAGE, FALSE, VM_PROT_READ | VM_PROT_EXECUTE);
	check(result == KERN_SUCCESS &&
	          vm_region_is(self, code, VM_PAGE, VM_PROT_READ | VM_PROT_EXECUTE, VM_PROT_ALL,
	                       VM_INHERIT_DEFAULT),
	      "vm_protect to read/execute succeeds and vm_region shows it (0x%x)", result);
	check(made && vm_probe_execute(code),
	      "code written to memory runs once it is read/execute");

	result = vm_protect(self, code, VM_PAGE, FALSE, VM_PROT_DEFAULT);
	unsigned before = vm_last_fault().count;
	check(result == KERN_SUCCESS && !vm_probe_execute(code) &&
	          vm_fault_was(before, self, KERN_PROTECTION_FAILURE, code),
	      "without VM_PROT_EXECUTE a call there raises EXC_BAD_ACCESS / "
	      "KERN_PROTECTION_FAILURE at its address (0x%x)",
	      result);

	result = vm_protect(self, code, VM_PAGE, TRUE, VM_PROT_DEFAULT);
	kern_return_t raised =
	    vm_protect(self, code, VM_PAGE, FALSE, VM_PROT_READ | VM_PROT_EXECUTE);
	check(result == KERN_SUCCESS && raised == KERN_PROTECTION_FAILURE,
	      "once the maximum is read/write, asking for execute fails with "
	      "KERN_PROTECTION_FAILURE (0x%x, 0x%x)",
	      result, raised);
	if (made)
		(void)vm_deallocate(self, code, VM_PAGE);

	struct vm_region_answer text = vm_region_of(self, (vm_address_t)vm_conformance_execute);
	check(text.result == KERN_SUCCESS && text.address <= (vm_address_t)vm_conformance_execute &&
	          (text.protection & (VM_PROT_READ | VM_PROT_EXECUTE)) ==
	              (VM_PROT_READ | VM_PROT_EXECUTE) &&
	          !(text.protection & VM_PROT_WRITE),
	      "vm_region shows our program's code read/execute and not writable (protection %d)",
	      text.protection);
}
