/* Memory helpers of the VM programs: vm_region answers, map walks, patterns
 * written and compared in our own memory, and a sleep. */
#include "vm_common.h"

struct vm_region_answer vm_region_of(mach_port_t task, vm_address_t address)
{
	struct vm_region_answer answer = {.address = address};
	answer.result = vm_region(task, &answer.address, &answer.size, &answer.protection,
	                          &answer.max_protection, &answer.inheritance, &answer.shared,
	                          &answer.object_name, &answer.offset);
	if (answer.result == KERN_SUCCESS && MACH_PORT_VALID(answer.object_name))
		(void)mach_port_deallocate(mach_task_self(), answer.object_name);
	return answer;
}

bool vm_region_is(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                  vm_prot_t max_protection, vm_inherit_t inheritance)
{
	struct vm_region_answer region = vm_region_of(task, address);
	bool is = region.result == KERN_SUCCESS && region.address == address &&
	          region.size == size && region.protection == protection &&
	          region.max_protection == max_protection && region.inheritance == inheritance;
	if (!is)
		print("# vm_region(0x%lx): 0x%x, [0x%lx, +0x%lx) protection %d/%d inheritance %d; "
		      "expected [0x%lx, +0x%lx) %d/%d %d\n",
		      (unsigned long)address, region.result, (unsigned long)region.address,
		      (unsigned long)region.size, region.protection, region.max_protection,
		      region.inheritance, (unsigned long)address, (unsigned long)size, protection,
		      max_protection, inheritance);
	return is;
}

bool vm_region_covers(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                      vm_prot_t max_protection, vm_inherit_t inheritance)
{
	struct vm_region_answer region = vm_region_of(task, address);
	bool covers = region.result == KERN_SUCCESS && region.address <= address &&
	              region.address + region.size >= address + size &&
	              region.protection == protection && region.max_protection == max_protection &&
	              region.inheritance == inheritance;
	if (!covers)
		print("# vm_region(0x%lx): 0x%x, [0x%lx, +0x%lx) protection %d/%d inheritance %d; "
		      "expected to cover [0x%lx, +0x%lx) with %d/%d %d\n",
		      (unsigned long)address, region.result, (unsigned long)region.address,
		      (unsigned long)region.size, region.protection, region.max_protection,
		      region.inheritance, (unsigned long)address, (unsigned long)size, protection,
		      max_protection, inheritance);
	return covers;
}

bool vm_range_has(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                  vm_prot_t max_protection, vm_inherit_t inheritance)
{
	vm_address_t next = address;
	while (next < address + size) {
		struct vm_region_answer region = vm_region_of(task, next);
		if (region.result != KERN_SUCCESS || region.address > next || region.size == 0 ||
		    region.protection != protection || region.max_protection != max_protection ||
		    region.inheritance != inheritance) {
			print("# vm_region(0x%lx): 0x%x, [0x%lx, +0x%lx) protection %d/%d "
			      "inheritance %d; expected %d/%d %d there\n",
			      (unsigned long)next, region.result, (unsigned long)region.address,
			      (unsigned long)region.size, region.protection, region.max_protection,
			      region.inheritance, protection, max_protection, inheritance);
			return false;
		}
		next = region.address + region.size;
	}
	return true;
}

bool vm_range_unmapped(mach_port_t task, vm_address_t address, vm_size_t size)
{
	struct vm_region_answer region = vm_region_of(task, address);
	if (region.result == KERN_NO_SPACE)
		return true;
	return region.result == KERN_SUCCESS && region.address >= address + size;
}

bool vm_map_footprint(mach_port_t task, unsigned *regions, uint64_t *bytes)
{
	*regions = 0;
	*bytes = 0;
	vm_address_t address = 0;
	for (unsigned steps = 0; steps < 100000; steps++) {
		struct vm_region_answer region = vm_region_of(task, address);
		if (region.result == KERN_NO_SPACE)
			return true;
		if (region.result != KERN_SUCCESS || region.size == 0 ||
		    region.address + region.size <= address)
			return false;
		++*regions;
		*bytes += region.size;
		address = region.address + region.size;
	}
	return false;
}

uint64_t vm_pattern_word(uint64_t seed, uint64_t offset)
{
	return (seed * 0x9e3779b97f4a7c15ull) ^ (offset * 0xff51afd7ed558ccdull) ^ offset;
}

void vm_pattern_fill(vm_address_t address, vm_size_t size, uint64_t seed)
{
	volatile uint64_t *words = (volatile uint64_t *)address;
	for (uint64_t i = 0; i < size / 8; i++)
		words[i] = vm_pattern_word(seed, i * 8);
}

bool vm_pattern_matches_from(vm_address_t address, vm_size_t size, uint64_t seed, uint64_t offset)
{
	const volatile uint64_t *words = (const volatile uint64_t *)address;
	for (uint64_t i = 0; i < size / 8; i++) {
		uint64_t expected = vm_pattern_word(seed, offset + i * 8);
		if (words[i] != expected) {
			print("# vm: word at 0x%lx is 0x%lx, expected 0x%lx\n",
			      (unsigned long)(address + i * 8), (unsigned long)words[i],
			      (unsigned long)expected);
			return false;
		}
	}
	return true;
}

bool vm_pattern_matches(vm_address_t address, vm_size_t size, uint64_t seed)
{
	return vm_pattern_matches_from(address, size, seed, 0);
}

bool vm_range_is_zero(vm_address_t address, vm_size_t size)
{
	const volatile uint64_t *words = (const volatile uint64_t *)address;
	for (uint64_t i = 0; i < size / 8; i++)
		if (words[i])
			return false;
	return true;
}

vm_address_t vm_new_region(vm_size_t size)
{
	vm_address_t address = 0;
	kern_return_t result = vm_allocate(mach_task_self(), &address, size, TRUE);
	if (result != KERN_SUCCESS) {
		check(false, "helper: vm_allocate of 0x%lx bytes succeeds (0x%x)",
		      (unsigned long)size, result);
		return 0;
	}
	return address;
}

bool vm_new_region_at(vm_address_t address, vm_size_t size)
{
	vm_address_t where = address;
	kern_return_t result = vm_allocate(mach_task_self(), &where, size, FALSE);
	if (result != KERN_SUCCESS || where != address) {
		check(false, "helper: vm_allocate fixed at 0x%lx succeeds (0x%x)",
		      (unsigned long)address, result);
		return false;
	}
	return true;
}

void vm_sleep(unsigned milliseconds)
{
	static mach_port_t quiet = MACH_PORT_NULL;
	if (quiet == MACH_PORT_NULL &&
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &quiet) != KERN_SUCCESS)
		return;
	(void)ipc_receive(quiet, MACH_RCV_TIMEOUT, milliseconds);
}
