/* Hostile: impossible arguments to every VM call on a real task (huge, wrapping or
 * kernel ranges, unknown values); each refused, the victim's memory unharmed. */
#include "vm_hostile.h"

#define TOP_PAGE (~0ul - VM_PAGE + 1)

static void refused(kern_return_t result, const char *what)
{
	check(result != KERN_SUCCESS, "%s is refused (0x%x)", what, result);
}

static void allocations(const struct vm_hostile_target *target)
{
	mach_port_t victim = target->victim;
	vm_address_t address = TOP_PAGE;
	refused(vm_allocate(victim, &address, VM_PAGE, FALSE), "vm_allocate of the top page");
	address = 0;
	refused(vm_allocate(victim, &address, ~0ul, TRUE), "vm_allocate of ~0 bytes");
	address = 0;
	refused(vm_allocate(victim, &address, 1ul << 63, TRUE), "vm_allocate of 2^63 bytes");
	address = VM_SLOT(22);
	refused(vm_allocate(victim, &address, ~0ul - VM_SLOT(22) + 2 * VM_PAGE, FALSE),
	        "vm_allocate of a range wrapping past the top");
	address = VM_KERNEL_ADDRESS;
	refused(vm_allocate(victim, &address, VM_GIB, FALSE), "vm_allocate of kernel addresses");
	address = VM_USER_END - VM_PAGE;
	refused(vm_allocate(victim, &address, ~0ul, FALSE),
	        "vm_allocate of ~0 bytes below the end of user space");
	address = 0;
	refused(vm_map(victim, &address, ~0ul, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT,
	               VM_PROT_ALL, VM_INHERIT_COPY),
	        "vm_map of ~0 bytes");
	address = VM_KERNEL_ADDRESS;
	refused(vm_map(victim, &address, VM_PAGE, 0, FALSE, MACH_PORT_NULL, 0, FALSE,
	               VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY),
	        "vm_map at a kernel address");
	address = TOP_PAGE - VM_PAGE;
	refused(vm_map(victim, &address, 4 * VM_PAGE, 0, FALSE, MACH_PORT_NULL, 0, FALSE,
	               VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY),
	        "vm_map of a range wrapping past the top");
	address = 0;
	refused(vm_map(victim, &address, VM_PAGE, 0, TRUE, MACH_PORT_NULL, 0, FALSE, -1, -1,
	               VM_INHERIT_COPY),
	        "vm_map with protections -1");
	address = 0;
	refused(vm_map(victim, &address, VM_PAGE, 0, TRUE, MACH_PORT_NULL, 0, FALSE,
	               VM_PROT_DEFAULT, VM_PROT_ALL, -1),
	        "vm_map with inheritance -1");
	mach_port_t dead = ipc_new_receive();
	(void)mach_port_insert_right(mach_task_self(), dead, dead, MACH_MSG_TYPE_MAKE_SEND);
	(void)mach_port_mod_refs(mach_task_self(), dead, MACH_PORT_RIGHT_RECEIVE, -1);
	/* A dead name travels as a dead port: a kernel may take it for no object. */
	address = 0;
	(void)vm_map(victim, &address, VM_PAGE, 0, TRUE, dead, 0, FALSE, VM_PROT_DEFAULT,
	             VM_PROT_ALL, VM_INHERIT_COPY);
	(void)mach_port_deallocate(mach_task_self(), dead);
}

static void attributes(const struct vm_hostile_target *target)
{
	mach_port_t victim = target->victim;
	refused(vm_protect(victim, target->small, VM_PAGE, FALSE, (vm_prot_t)0xffffffff),
	        "vm_protect to protection 0xffffffff");
	refused(vm_protect(victim, target->small, VM_PAGE, TRUE, (vm_prot_t)0x80),
	        "vm_protect of the maximum to 0x80");
	refused(vm_inherit(victim, target->small, VM_PAGE, (vm_inherit_t)0xffffffff),
	        "vm_inherit to 0xffffffff");
	refused(vm_inherit(victim, target->small, VM_PAGE, 3), "vm_inherit to 3");
	refused(vm_wire(target->host_priv, victim, target->small, ~0ul, VM_PROT_READ),
	        "vm_wire of ~0 bytes");
	refused(vm_wire(target->host_priv, victim, VM_KERNEL_ADDRESS, VM_PAGE, VM_PROT_READ),
	        "vm_wire of a kernel address");
	refused(vm_wire(target->host_priv, victim, target->small, VM_PAGE, 0xffff),
	        "vm_wire with access 0xffff");
	refused(vm_wire_all(target->host_priv, victim, 0xff), "vm_wire_all with flags 0xff");
	/* Whatever these answer, they must answer. */
	(void)vm_protect(victim, target->small + VM_PAGE, ~0ul, FALSE, VM_PROT_READ);
	(void)vm_protect(victim, TOP_PAGE, 2 * VM_PAGE, FALSE, VM_PROT_NONE);
	(void)vm_inherit(victim, TOP_PAGE, 2 * VM_PAGE, VM_INHERIT_NONE);
	vm_machine_attribute_val_t value = 0xdead;
	(void)vm_machine_attribute(victim, VM_KERNEL_ADDRESS, ~0ul, 0xdead, &value);
	value = 0xdead;
	(void)vm_machine_attribute(victim, target->small, VM_PAGE, 1, &value);
}

static void transfers(const struct vm_hostile_target *target)
{
	mach_port_t victim = target->victim, self = mach_task_self();
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	static const struct {
		vm_address_t address;
		vm_size_t size;
		const char *what;
	} reads[] = {
	    {TOP_PAGE, 2 * VM_PAGE, "vm_read of a range wrapping past the top"},
	    {VM_KERNEL_ADDRESS, VM_PAGE, "vm_read of a kernel address"},
	    {VM_SLOT(20), ~0ul, "vm_read of ~0 bytes"},
	    {VM_SLOT(20), 1ul << 40, "vm_read of 2^40 bytes"},
	};
	for (unsigned i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		kern_return_t result =
		    vm_read(victim, reads[i].address, reads[i].size, &data, &count);
		refused(result, reads[i].what);
		if (result == KERN_SUCCESS)
			(void)vm_deallocate(self, data, count);
	}
	refused(vm_write(victim, VM_KERNEL_ADDRESS, target->buffer, VM_PAGE),
	        "vm_write to a kernel address");
	refused(vm_write(victim, TOP_PAGE, target->buffer, 2 * VM_PAGE),
	        "vm_write of a range wrapping past the top");
	refused(vm_write(victim, target->small, VM_SLOT(23), VM_PAGE),
	        "vm_write from memory the caller does not have");
	refused(vm_write(victim, target->small, target->buffer, 0x7fffffff),
	        "vm_write of 2 GiB from a 2-page buffer");
	refused(vm_copy(victim, target->small, ~0ul, target->small), "vm_copy of ~0 bytes");
	refused(vm_copy(victim, VM_KERNEL_ADDRESS, VM_PAGE, target->small),
	        "vm_copy from a kernel address");
	refused(vm_copy(victim, target->small, VM_PAGE, VM_KERNEL_ADDRESS),
	        "vm_copy to a kernel address");
	refused(vm_copy(victim, TOP_PAGE, 2 * VM_PAGE, target->small),
	        "vm_copy from a range wrapping past the top");
	refused(vm_region_of(victim, ~0ul).result, "vm_region at ~0");
	refused(vm_region_of(victim, VM_KERNEL_ADDRESS).result, "vm_region at a kernel address");

	kern_return_t result = vm_read(victim, target->large, VM_GIB, &data, &count);
	check(result != KERN_SUCCESS || count == VM_GIB,
	      "vm_read of a whole lazy GiB answers, all of it or an error (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, data, count);
}

static void removals(const struct vm_hostile_target *target)
{
	mach_port_t victim = target->victim;
	(void)vm_write(victim, target->small, target->buffer, VM_PAGE);
	(void)vm_deallocate(victim, target->small + VM_PAGE, ~0ul);
	(void)vm_deallocate(victim, VM_KERNEL_ADDRESS, VM_GIB);
	(void)vm_deallocate(victim, TOP_PAGE, 2 * VM_PAGE);
	(void)vm_deallocate(victim, ~0ul, ~0ul);
	struct vm_region_answer region = vm_region_of(victim, target->small);
	check(region.result == KERN_SUCCESS && region.address == target->small,
	      "after wrapping and kernel-range vm_deallocates the victim's memory below them is "
	      "still there (0x%x)",
	      region.result);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t result = vm_read(victim, target->small, VM_PAGE, &data, &count);
	check(result == KERN_SUCCESS && count == VM_PAGE && vm_pattern_matches(data, VM_PAGE, 11),
	      "and still holds what was written to it (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(mach_task_self(), data, count);
}

void vm_hostile_bad_arguments(const struct vm_hostile_target *target)
{
	allocations(target);
	attributes(target);
	transfers(target);
	removals(target);
}
