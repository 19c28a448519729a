/* Conformance: vm_inherit with task_create(inherit_memory TRUE) — copy (the
 * default), share and none, writes after the fork seen in each direction. */
#include "vm_conformance.h"

static volatile uint64_t image_word = 0x1111;

#define COPIED VM_SLOT(6)
#define SHARED (VM_SLOT(6) + 64 * VM_PAGE)
#define ABSENT (VM_SLOT(6) + 128 * VM_PAGE)

static bool child_reads(struct vm_child *child, uint64_t address, uint64_t expected)
{
	uint64_t word = ~expected;
	enum vm_child_result result = vm_child_read(child, address, &word);
	if (result != VM_CHILD_DONE || word != expected)
		print("# vm: the child read 0x%lx at 0x%lx (result %d), expected 0x%lx\n",
		      (unsigned long)word, (unsigned long)address, result, (unsigned long)expected);
	return result == VM_CHILD_DONE && word == expected;
}

static bool we_read(uint64_t address, uint64_t expected)
{
	uint64_t word = ~expected;
	return vm_probe_read(address, &word) && word == expected;
}

static void before_fork(void)
{
	mach_port_t self = mach_task_self();
	bool made = vm_new_region_at(COPIED, 4 * VM_PAGE) &&
	            vm_new_region_at(SHARED, 2 * VM_PAGE) && vm_new_region_at(ABSENT, 2 * VM_PAGE);
	check(made && vm_region_is(self, COPIED, 4 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                           VM_INHERIT_COPY),
	      "memory from vm_allocate is inherited as VM_INHERIT_COPY by default");
	kern_return_t result = vm_inherit(self, SHARED, 2 * VM_PAGE, VM_INHERIT_SHARE);
	check(result == KERN_SUCCESS && vm_region_is(self, SHARED, 2 * VM_PAGE, VM_PROT_DEFAULT,
	                                             VM_PROT_ALL, VM_INHERIT_SHARE),
	      "vm_inherit VM_INHERIT_SHARE succeeds and vm_region shows it (0x%x)", result);
	result = vm_inherit(self, ABSENT, 2 * VM_PAGE, VM_INHERIT_NONE);
	check(result == KERN_SUCCESS && vm_region_is(self, ABSENT, 2 * VM_PAGE, VM_PROT_DEFAULT,
	                                             VM_PROT_ALL, VM_INHERIT_NONE),
	      "vm_inherit VM_INHERIT_NONE succeeds and vm_region shows it (0x%x)", result);
	result = vm_inherit(self, COPIED, VM_PAGE, 7);
	check(result == KERN_INVALID_ARGUMENT,
	      "vm_inherit with an unknown inheritance fails with KERN_INVALID_ARGUMENT (0x%x)",
	      result);
	result = vm_inherit(self, COPIED + 16 * VM_PAGE, VM_PAGE, VM_INHERIT_SHARE);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_inherit of unallocated memory fails with KERN_INVALID_ADDRESS (0x%x)", result);
	(void)vm_probe_write(COPIED, 0xc0);
	(void)vm_probe_write(SHARED, 0x50);
	(void)vm_probe_write(ABSENT, 0x40);
	image_word = 0x2222;
}

static void copied(struct vm_child *child)
{
	check(child_reads(child, COPIED, 0xc0),
	      "the child sees VM_INHERIT_COPY memory as it was at the fork");
	check(child_reads(child, (uint64_t)&image_word, 0x2222),
	      "the child has our image's data as it was at the fork");
	check(child_reads(child, COPIED + 3 * VM_PAGE, 0),
	      "a page nobody wrote reads as zero in the child");
	(void)vm_probe_write(COPIED, 0xc1);
	image_word = 0x3333;
	check(child_reads(child, COPIED, 0xc0) && child_reads(child, (uint64_t)&image_word, 0x2222),
	      "our writes after the fork to pages written before it are not seen by the child");
	(void)vm_probe_write(COPIED + VM_PAGE, 0xc2);
	check(child_reads(child, COPIED + VM_PAGE, 0),
	      "nor are our writes to pages first written after the fork");
	bool wrote = vm_child_write(child, COPIED + 2 * VM_PAGE, 0xc3) == VM_CHILD_DONE;
	check(wrote && child_reads(child, COPIED + 2 * VM_PAGE, 0xc3),
	      "the child writes its copy and reads its write back");
	check(wrote && we_read(COPIED + 2 * VM_PAGE, 0),
	      "the child's write to a page nobody had written is not seen by us");
	check(vm_child_write(child, COPIED, 0xc4) == VM_CHILD_DONE && we_read(COPIED, 0xc1) &&
	          child_reads(child, COPIED, 0xc4),
	      "the child's write to a page we wrote before and after the fork is its own");
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t result = vm_read(child->task, COPIED, VM_PAGE, &data, &count);
	check(result == KERN_SUCCESS && count == VM_PAGE && *(uint64_t *)data == 0xc4,
	      "vm_read of the child's copy shows the child's write (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(mach_task_self(), data, count);

	kern_return_t protected =
	    vm_protect(mach_task_self(), COPIED, VM_PAGE, FALSE, VM_PROT_READ);
	check(protected == KERN_SUCCESS &&
	          vm_child_write(child, COPIED + 8, 0xc5) == VM_CHILD_DONE &&
	          vm_region_covers(child->task, COPIED, VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                           VM_INHERIT_COPY),
	      "making our copy read-only after the fork leaves the child's writable (0x%x)",
	      protected);
	(void)vm_protect(mach_task_self(), COPIED, VM_PAGE, FALSE, VM_PROT_DEFAULT);
}

static void shared(struct vm_child *child)
{
	mach_port_t self = mach_task_self();
	check(child_reads(child, SHARED, 0x50),
	      "the child sees VM_INHERIT_SHARE memory as written before the fork");
	(void)vm_probe_write(SHARED, 0x51);
	check(child_reads(child, SHARED, 0x51), "our writes after the fork are seen by the child");
	check(vm_child_write(child, SHARED + VM_PAGE, 0x52) == VM_CHILD_DONE &&
	          we_read(SHARED + VM_PAGE, 0x52),
	      "the child's writes are seen by us");
	struct vm_region_answer ours = vm_region_of(self, SHARED);
	struct vm_region_answer theirs = vm_region_of(child->task, SHARED);
	check(ours.result == KERN_SUCCESS && ours.shared && theirs.result == KERN_SUCCESS &&
	          theirs.shared,
	      "vm_region says the memory is shared, in both tasks (%d, %d)", ours.shared,
	      theirs.shared);
	check(vm_region_covers(child->task, SHARED, 2 * VM_PAGE, VM_PROT_DEFAULT, VM_PROT_ALL,
	                       VM_INHERIT_SHARE),
	      "the child's region keeps protection and VM_INHERIT_SHARE");
}

static void absent(struct vm_child *child)
{
	mach_port_t self = mach_task_self();
	check(vm_range_unmapped(child->task, ABSENT, 2 * VM_PAGE),
	      "VM_INHERIT_NONE memory is absent from the child's vm_region");
	unsigned before = vm_last_fault().count;
	check(vm_child_read(child, ABSENT, NULL) == VM_CHILD_FAULTED &&
	          vm_fault_was(before, child->task, KERN_INVALID_ADDRESS, ABSENT),
	      "a read of it in the child raises EXC_BAD_ACCESS / KERN_INVALID_ADDRESS on the "
	      "child's exception port");
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t result = vm_read(child->task, ABSENT, VM_PAGE, &data, &count);
	check(result == KERN_INVALID_ADDRESS,
	      "vm_read of it in the child fails with KERN_INVALID_ADDRESS (0x%x)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(self, data, count);
	check(MACH_PORT_VALID(child->task) && we_read(ABSENT, 0x40),
	      "our own VM_INHERIT_NONE memory is unaffected by the fork");
	vm_address_t address = ABSENT;
	result = vm_allocate(child->task, &address, 2 * VM_PAGE, FALSE);
	check(result == KERN_SUCCESS && child_reads(child, ABSENT, 0),
	      "the child can allocate there, and reads zeros (0x%x)", result);
}

void vm_conformance_inherit(void)
{
	before_fork();
	struct vm_child child;
	check(vm_child_fork(mach_task_self(), &child),
	      "task_create(inherit_memory TRUE) makes a child whose thread runs our code");
	copied(&child);
	shared(&child);
	absent(&child);
	check(vm_child_alive(&child), "the child still answers after all that");
	vm_child_end(&child);
	(void)vm_deallocate(mach_task_self(), COPIED, 4 * VM_PAGE);
	(void)vm_deallocate(mach_task_self(), SHARED, 2 * VM_PAGE);
	(void)vm_deallocate(mach_task_self(), ABSENT, 2 * VM_PAGE);
}
