/* Conformance: vm_region — a region's attributes, holes, splits after vm_protect
 * or vm_inherit, a walk of the whole map, KERN_NO_SPACE past the end. */
#include "vm_conformance.h"

#define BASE VM_SLOT(11)

static void attributes(void)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(BASE + VM_PAGE, 5 * VM_PAGE);
	struct vm_region_answer region = vm_region_of(self, BASE + VM_PAGE);
	bool found = made && region.result == KERN_SUCCESS;
	check(found && region.address == BASE + VM_PAGE && region.size == 5 * VM_PAGE,
	      "vm_region of a new 5-page region answers its start and size (0x%lx, 0x%lx)",
	      (unsigned long)region.address, (unsigned long)region.size);
	check(found && region.protection == VM_PROT_DEFAULT, "its protection is read/write (%d)",
	      region.protection);
	check(found && region.max_protection == VM_PROT_ALL, "its maximum protection is all (%d)",
	      region.max_protection);
	check(found && region.inheritance == VM_INHERIT_COPY,
	      "its inheritance is VM_INHERIT_COPY (%d)", region.inheritance);
	check(found && !region.shared, "it is not shared");
	check(found && region.offset == 0, "its offset into its memory object is 0 (0x%lx)",
	      (unsigned long)region.offset);
	check(found &&
	          (region.object_name == MACH_PORT_NULL || MACH_PORT_VALID(region.object_name)),
	      "its object name is null or a port name (0x%x)", region.object_name);

	region = vm_region_of(self, BASE + 3 * VM_PAGE + 5);
	check(region.result == KERN_SUCCESS && region.address == BASE + VM_PAGE &&
	          region.size == 5 * VM_PAGE,
	      "vm_region of an address inside it answers the whole region");
	region = vm_region_of(self, BASE);
	check(region.result == KERN_SUCCESS && region.address == BASE + VM_PAGE,
	      "vm_region of a free address before it answers the next region, it (0x%lx)",
	      (unsigned long)region.address);
}

static void splits(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t start = BASE + VM_PAGE;
	kern_return_t result = vm_protect(self, start + 2 * VM_PAGE, VM_PAGE, FALSE, VM_PROT_READ);
	check(result == KERN_SUCCESS &&
	          vm_region_is(self, start, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_COPY) &&
	          vm_region_is(self, start + 2 * VM_PAGE, VM_PAGE, VM_PROT_READ, VM_PROT_ALL,
	                       VM_INHERIT_COPY) &&
	          vm_region_is(self, start + 3 * VM_PAGE, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_COPY),
	      "vm_protect of the middle page splits the region in three (0x%x)", result);
	struct vm_region_answer middle = vm_region_of(self, start + 2 * VM_PAGE);
	check(middle.result == KERN_SUCCESS && middle.offset == 2 * VM_PAGE,
	      "the middle piece's offset is its distance into the memory (0x%lx)",
	      (unsigned long)middle.offset);
	result = vm_protect(self, start + 2 * VM_PAGE, VM_PAGE, FALSE, VM_PROT_DEFAULT);
	check(result == KERN_SUCCESS && vm_range_has(self, start, 5 * VM_PAGE, VM_PROT_DEFAULT,
	                                             VM_PROT_ALL, VM_INHERIT_COPY),
	      "protected back, the whole range shows read/write again, merged or in pieces");

	result = vm_inherit(self, start + VM_PAGE, 3 * VM_PAGE, VM_INHERIT_NONE);
	check(result == KERN_SUCCESS &&
	          vm_range_has(self, start + VM_PAGE, 3 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_NONE) &&
	          vm_region_covers(self, start, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                           VM_INHERIT_COPY) &&
	          vm_region_covers(self, start + 4 * VM_PAGE, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                           VM_INHERIT_COPY),
	      "vm_inherit of the middle pages splits by inheritance (0x%x)", result);
	(void)vm_deallocate(self, start, 5 * VM_PAGE);
	check(vm_range_unmapped(self, BASE, 8 * VM_PAGE), "once deallocated, it is gone");
}

static void walk(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = 0, last_end = 0;
	unsigned regions = 0;
	bool ordered = true, code = false, stack = false, heap = false;
	vm_address_t local = (vm_address_t)&address;
	vm_address_t allocated = vm_new_region(3 * VM_PAGE);
	kern_return_t result = KERN_SUCCESS;
	for (; regions < 10000; regions++) {
		struct vm_region_answer region = vm_region_of(self, address);
		result = region.result;
		if (result != KERN_SUCCESS)
			break;
		ordered = ordered && region.address >= last_end && region.size > 0 &&
		          region.address % VM_PAGE == 0 && region.size % VM_PAGE == 0;
		vm_address_t end = region.address + region.size;
		code = code || (region.address <= (vm_address_t)walk && (vm_address_t)walk < end &&
		                (region.protection & VM_PROT_EXECUTE));
		stack = stack || (region.address <= local && local < end &&
		                  (region.protection & VM_PROT_DEFAULT) == VM_PROT_DEFAULT);
		heap = heap || (region.address <= allocated && allocated + 3 * VM_PAGE <= end);
		last_end = address = end;
		if (!ordered)
			break;
	}
	check(result == KERN_NO_SPACE && ordered && regions > 0,
	      "walking the map from 0 visits %u regions in order, without overlap, to "
	      "KERN_NO_SPACE (0x%x)",
	      regions, result);
	check(code, "the walk finds our code, executable");
	check(stack, "the walk finds our stack, read/write");
	check(heap, "the walk finds memory we just allocated");
	struct vm_region_answer past = vm_region_of(self, last_end);
	check(regions > 0 && past.result == KERN_NO_SPACE,
	      "vm_region past the last region fails with KERN_NO_SPACE (0x%x)", past.result);
	past = vm_region_of(self, VM_KERNEL_ADDRESS);
	check(past.result == KERN_NO_SPACE,
	      "vm_region of a kernel address fails with KERN_NO_SPACE (0x%x)", past.result);
	if (allocated)
		(void)vm_deallocate(self, allocated, 3 * VM_PAGE);
}

void vm_conformance_region(void)
{
	attributes();
	splits();
	walk();
}
