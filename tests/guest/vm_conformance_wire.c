/* Conformance: vm_wire and vm_wire_all through the host-privileged port only;
 * wired pages are resident and counted, unwired, refused on bad ranges. */
#include "vm_conformance.h"
#include <mach/vm_wire.h>

#define PAGES 32
#define WIRED VM_SLOT(13)

static void wire_range(mach_port_t host_priv)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(WIRED, PAGES * VM_PAGE);
	if (made)
		vm_pattern_fill(WIRED, PAGES * VM_PAGE / 2, 8);

	mach_port_t host = mach_host_self();
	kern_return_t result =
	    vm_wire(host, self, WIRED, PAGES * VM_PAGE, VM_PROT_READ | VM_PROT_WRITE);
	check(result == KERN_INVALID_HOST,
	      "vm_wire through the unprivileged host port fails with KERN_INVALID_HOST (0x%x)",
	      result);
	(void)mach_port_deallocate(self, host);
	result = vm_wire(self, self, WIRED, PAGES * VM_PAGE, VM_PROT_READ | VM_PROT_WRITE);
	check(result != KERN_SUCCESS && result != MIG_BAD_ID,
	      "vm_wire through a task port is refused (0x%x)", result);

	vm_statistics_data_t before = {0}, wired = {0}, unwired = {0};
	bool counted = vm_statistics_now(&before);
	result = vm_wire(host_priv, self, WIRED, PAGES * VM_PAGE, VM_PROT_READ | VM_PROT_WRITE);
	check(result == KERN_SUCCESS,
	      "vm_wire of %u pages, half never touched, through the host-privileged port "
	      "succeeds (0x%x)",
	      PAGES, result);
	counted = vm_statistics_now(&wired) && counted;
	check(result == KERN_SUCCESS && counted && wired.wire_count - before.wire_count >= PAGES,
	      "vm_statistics counts at least %u more wired pages (%d)", PAGES,
	      wired.wire_count - before.wire_count);
	check(result == KERN_SUCCESS && counted &&
	          before.free_count - wired.free_count >= PAGES / 2,
	      "the untouched half was made resident: free pages fell by %d",
	      before.free_count - wired.free_count);
	check(made && result == KERN_SUCCESS && vm_pattern_matches(WIRED, PAGES * VM_PAGE / 2, 8) &&
	          vm_range_is_zero(WIRED + PAGES * VM_PAGE / 2, PAGES * VM_PAGE / 2) &&
	          vm_probe_write(WIRED + 8, 3),
	      "wired memory keeps its contents, reads zero where untouched, and is writable");

	result = vm_wire(host_priv, self, WIRED, PAGES * VM_PAGE, VM_PROT_NONE);
	counted = vm_statistics_now(&unwired) && counted;
	check(result == KERN_SUCCESS && counted && wired.wire_count - unwired.wire_count >= PAGES,
	      "vm_wire with VM_PROT_NONE unwires them (0x%x, %d fewer wired)", result,
	      wired.wire_count - unwired.wire_count);

	result = vm_wire(host_priv, self, WIRED + PAGES * VM_PAGE, VM_PAGE, VM_PROT_READ);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_wire of unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	result = vm_wire(host_priv, self, WIRED, VM_PAGE, 0x100);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_wire with an unknown access bit fails with KERN_INVALID_ARGUMENT (0x%x)", result);

	vm_statistics_data_t again = {0}, released = {0};
	result = vm_wire(host_priv, self, WIRED, PAGES * VM_PAGE, VM_PROT_READ);
	counted = vm_statistics_now(&again) && counted;
	kern_return_t deallocated = vm_deallocate(self, WIRED, PAGES * VM_PAGE);
	counted = vm_statistics_now(&released) && counted;
	check(result == KERN_SUCCESS && deallocated == KERN_SUCCESS && counted &&
	          again.wire_count - released.wire_count >= PAGES &&
	          vm_range_unmapped(self, WIRED, PAGES * VM_PAGE),
	      "vm_deallocate of wired memory succeeds and unwires it (0x%x, %d fewer wired)",
	      deallocated, again.wire_count - released.wire_count);
}

static void wire_all(mach_port_t host_priv)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	vm_address_t address = 0;
	kern_return_t result = task_create(self, FALSE, &task);
	if (result == KERN_SUCCESS)
		result = vm_allocate(task, &address, 16 * VM_PAGE, TRUE);
	mach_port_t host = mach_host_self();
	kern_return_t refused = vm_wire_all(host, task, VM_WIRE_CURRENT);
	(void)mach_port_deallocate(self, host);
	check(refused == KERN_INVALID_HOST,
	      "vm_wire_all through the unprivileged host port fails with KERN_INVALID_HOST (0x%x)",
	      refused);
	refused = vm_wire_all(host_priv, task, 0x40);
	check(refused == KERN_INVALID_ARGUMENT,
	      "vm_wire_all with unknown flags fails with KERN_INVALID_ARGUMENT (0x%x)", refused);
	vm_statistics_data_t before = {0}, wired = {0}, unwired = {0};
	bool counted = vm_statistics_now(&before);
	kern_return_t current = vm_wire_all(host_priv, task, VM_WIRE_CURRENT);
	counted = vm_statistics_now(&wired) && counted;
	check(result == KERN_SUCCESS && current == KERN_SUCCESS && counted &&
	          wired.wire_count - before.wire_count >= 16,
	      "vm_wire_all(VM_WIRE_CURRENT) of a task wires its 16 pages (0x%x, %d more wired)",
	      current, wired.wire_count - before.wire_count);
	kern_return_t none = vm_wire_all(host_priv, task, VM_WIRE_NONE);
	counted = vm_statistics_now(&unwired) && counted;
	check(none == KERN_SUCCESS && counted && wired.wire_count - unwired.wire_count >= 16,
	      "vm_wire_all(VM_WIRE_NONE) unwires them (0x%x, %d fewer wired)", none,
	      wired.wire_count - unwired.wire_count);
	if (MACH_PORT_VALID(task)) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
}

void vm_conformance_wire(void)
{
	mach_port_t host_priv = vm_conformance_host_priv;
	check(ipc_type_of(host_priv) == MACH_PORT_TYPE_SEND,
	      "module 0 holds a send right to the host-privileged port (0x%x)", host_priv);
	wire_range(host_priv);
	wire_all(host_priv);
}
