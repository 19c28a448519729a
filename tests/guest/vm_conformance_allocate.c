/* Conformance: vm_allocate — placement anywhere and fixed, whole pages, zeros,
 * KERN_NO_SPACE, KERN_INVALID_ADDRESS, size 0, another task. */
#include "vm_conformance.h"

static void anywhere(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = 0x1234567; /* ignored when anywhere is TRUE */
	kern_return_t result = vm_allocate(self, &address, 3 * VM_PAGE + 1, TRUE);
	bool made = result == KERN_SUCCESS;
	check(made, "vm_allocate anywhere of 3 pages and 1 byte succeeds (0x%x)", result);
	check(made && address && address % VM_PAGE == 0,
	      "it answers a page-aligned address (0x%lx)", (unsigned long)address);
	check(made && vm_region_covers(self, address, 4 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                               VM_INHERIT_DEFAULT),
	      "vm_region shows its 4 pages read/write, maximum all, inherited as a copy");
	check(made && vm_range_is_zero(address, 4 * VM_PAGE),
	      "new memory reads as zero up to the end of its last page");
	uint64_t word = 0;
	check(made && vm_probe_write(address + 4 * VM_PAGE - 8, 0x5a5a) &&
	          vm_probe_read(address + 4 * VM_PAGE - 8, &word) && word == 0x5a5a,
	      "the last word of the rounded-up page is writable and keeps what was written");

	vm_address_t second = 0;
	result = vm_allocate(self, &second, 4 * VM_PAGE, TRUE);
	check(result == KERN_SUCCESS &&
	          (second + 4 * VM_PAGE <= address || second >= address + 4 * VM_PAGE),
	      "a second allocation anywhere does not overlap the first (0x%lx, 0x%lx)",
	      (unsigned long)address, (unsigned long)second);
	check(made && vm_probe_read(address + 4 * VM_PAGE - 8, &word) && word == 0x5a5a,
	      "the first allocation's contents are untouched by the second");
	if (made)
		(void)vm_deallocate(self, address, 4 * VM_PAGE);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, second, 4 * VM_PAGE);
}

static void fixed(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t slot = VM_SLOT(1);
	vm_address_t address = slot;
	kern_return_t result = vm_allocate(self, &address, 2 * VM_PAGE, FALSE);
	bool made = result == KERN_SUCCESS && address == slot;
	check(made, "vm_allocate fixed at a free address succeeds at exactly that address (0x%x)",
	      result);
	check(made && vm_region_is(self, slot, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                           VM_INHERIT_DEFAULT),
	      "vm_region shows exactly the 2 pages asked for");
	check(made && vm_range_is_zero(slot, 2 * VM_PAGE), "they read as zero");

	/* Unaligned, away from the first so the two stay separate regions. */
	vm_address_t unaligned = slot + 4 * VM_PAGE + 123;
	result = vm_allocate(self, &unaligned, 100, FALSE);
	check(result == KERN_SUCCESS && unaligned == slot + 4 * VM_PAGE,
	      "vm_allocate fixed at an unaligned address allocates from the start of its page "
	      "(0x%x, 0x%lx)",
	      result, (unsigned long)unaligned);
	check(result == KERN_SUCCESS &&
	          vm_region_is(self, slot + 4 * VM_PAGE, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_DEFAULT),
	      "100 bytes there take exactly one whole page");

	uint64_t word = 0;
	(void)vm_probe_write(slot, 0xfeed);
	vm_address_t clash = slot;
	result = vm_allocate(self, &clash, VM_PAGE, FALSE);
	check(result == KERN_NO_SPACE,
	      "vm_allocate fixed over allocated memory fails with KERN_NO_SPACE (0x%x)", result);
	check(vm_probe_read(slot, &word) && word == 0xfeed,
	      "the memory already there keeps its contents");
	/* The second page of [slot, +2) is allocated, the two after it free. */
	clash = slot + VM_PAGE;
	result = vm_allocate(self, &clash, 3 * VM_PAGE, FALSE);
	check(result == KERN_NO_SPACE,
	      "vm_allocate fixed over a range partly allocated fails with KERN_NO_SPACE (0x%x)",
	      result);
	check(vm_range_unmapped(self, slot + 2 * VM_PAGE, 2 * VM_PAGE),
	      "and allocates nothing of its free part");
	clash = slot + 3 * VM_PAGE;
	result = vm_allocate(self, &clash, 2 * VM_PAGE, FALSE);
	check(result == KERN_NO_SPACE,
	      "vm_allocate fixed over the start of an allocated range fails with KERN_NO_SPACE "
	      "(0x%x)",
	      result);
	(void)vm_deallocate(self, slot, 8 * VM_PAGE);

	address = slot;
	result = vm_allocate(self, &address, 2 * VM_PAGE, FALSE);
	check(result == KERN_SUCCESS && vm_range_is_zero(slot, 2 * VM_PAGE),
	      "memory allocated again where written memory was reads as zero (0x%x)", result);
	(void)vm_deallocate(self, slot, 2 * VM_PAGE);
}

static void refused(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = VM_KERNEL_ADDRESS;
	kern_return_t result = vm_allocate(self, &address, VM_PAGE, FALSE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_allocate fixed in the kernel's half of the address space fails with "
	      "KERN_INVALID_ADDRESS (0x%x)",
	      result);
	address = VM_USER_END - VM_PAGE;
	result = vm_allocate(self, &address, 2 * VM_PAGE, FALSE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_allocate fixed across the end of user space fails with KERN_INVALID_ADDRESS "
	      "(0x%x)",
	      result);
	address = 0;
	result = vm_allocate(self, &address, 1ul << 48, TRUE);
	check(result == KERN_NO_SPACE,
	      "vm_allocate anywhere of more than the whole address space fails with "
	      "KERN_NO_SPACE (0x%x)",
	      result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, address, 1ul << 48);

	unsigned regions_before = 0, regions_after = 0;
	uint64_t bytes_before = 0, bytes_after = 0;
	bool walked = vm_map_footprint(self, &regions_before, &bytes_before);
	address = 0;
	result = vm_allocate(self, &address, 0, TRUE);
	walked = vm_map_footprint(self, &regions_after, &bytes_after) && walked;
	check((result == KERN_SUCCESS || result == KERN_INVALID_ARGUMENT) && walked &&
	          regions_after == regions_before && bytes_after == bytes_before,
	      "vm_allocate of 0 bytes maps nothing (0x%x; %u regions of 0x%lx bytes, then %u of "
	      "0x%lx)",
	      result, regions_before, (unsigned long)bytes_before, regions_after,
	      (unsigned long)bytes_after);
}

static void other_task(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL;
	kern_return_t created = task_create(self, FALSE, &task);
	check(created == KERN_SUCCESS, "task_create without inherited memory (0x%x)", created);
	check(created == KERN_SUCCESS && vm_region_of(task, 0).result == KERN_NO_SPACE,
	      "a task created without inherited memory has an empty address space");
	vm_address_t address = 0;
	kern_return_t result = vm_allocate(task, &address, 8 * VM_PAGE, TRUE);
	check(result == KERN_SUCCESS, "vm_allocate through another task's port succeeds (0x%x)",
	      result);
	check(result == KERN_SUCCESS && vm_region_is(task, address, 8 * VM_PAGE, VM_PROT_DEFAULT,
	                                             VM_PROT_ALL, VM_INHERIT_DEFAULT),
	      "vm_region of that task shows the new region");
	vm_address_t fixed = VM_SLOT(2);
	result = vm_allocate(task, &fixed, VM_PAGE, FALSE);
	check(result == KERN_SUCCESS && fixed == VM_SLOT(2),
	      "vm_allocate fixed in another task succeeds at the address asked (0x%x)", result);
	check(vm_range_unmapped(self, VM_SLOT(2), VM_PAGE),
	      "and allocates nothing in the caller's own address space");
	if (created == KERN_SUCCESS) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
}

void vm_conformance_allocate(void)
{
	anywhere();
	fixed();
	refused();
	other_task();
}
