/* Hostile: random VM calls from a fixed seed, mixing interesting values with
 * random ones; only harmless calls aim at ourselves, wiring stays small. */
#include "vm_hostile.h"

/* Calls that change memory aim at the victim; on ourselves only vm_region,
 * vm_read, vm_allocate anywhere, vm_statistics and vm_machine_attribute. */
#define SEED 0x5eedf00dcafe1234ull

static uint64_t state = SEED;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static uint64_t below(uint64_t limit)
{
	return next() % limit;
}

static vm_address_t any_address(const struct vm_hostile_target *target)
{
	const vm_address_t interesting[] = {
	    0,
	    1,
	    VM_PAGE - 1,
	    VM_PAGE,
	    target->small,
	    target->small + 1,
	    target->small + VM_HOSTILE_SMALL_PAGES * VM_PAGE - VM_PAGE,
	    target->small + VM_HOSTILE_SMALL_PAGES * VM_PAGE,
	    target->large,
	    target->large + VM_GIB - VM_PAGE,
	    VM_USER_END - VM_PAGE,
	    VM_USER_END,
	    VM_KERNEL_ADDRESS,
	    ~0ul - VM_PAGE + 1,
	    ~0ul,
	    1ul << 63,
	};
	switch (below(4)) {
	case 0:
		return next() & (VM_USER_END - 1);
	case 1:
		return next();
	default:
		return interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
	}
}

static vm_size_t any_size(void)
{
	static const vm_size_t interesting[] = {
	    0,      1,         VM_PAGE - 1, VM_PAGE,   2 * VM_PAGE, 16 * VM_PAGE,
	    VM_GIB, 1ul << 40, 1ul << 47,   1ul << 63, ~0ul,        ~0ul - VM_PAGE + 1,
	};
	if (below(4) == 0)
		return next();
	return interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
}

static uint32_t any_small_value(void)
{
	return below(8) == 0 ? (uint32_t)next() : (uint32_t)below(20);
}

/* One random call; returns its answer. */
static kern_return_t one_call(const struct vm_hostile_target *target)
{
	mach_port_t victim = target->victim, self = mach_task_self();
	vm_address_t address = any_address(target);
	vm_size_t size = any_size();
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t result;
	switch (below(14)) {
	case 0:
		return vm_allocate(victim, &address, size, below(2));
	case 1:
		return vm_deallocate(victim, address, size);
	case 2:
		return vm_protect(victim, address, size, below(2), (vm_prot_t)any_small_value());
	case 3:
		return vm_inherit(victim, address, size, (vm_inherit_t)any_small_value());
	case 4:
	case 5:
		result = vm_read(below(2) ? victim : self, address, size, &data, &count);
		if (result == KERN_SUCCESS)
			(void)vm_deallocate(self, data, count);
		return result;
	case 6:
		return vm_write(victim, address, target->buffer,
		                (mach_msg_type_number_t)below(3) * (VM_PAGE / 2));
	case 7:
		return vm_copy(victim, address, size, any_address(target));
	case 8:
		return vm_region_of(below(2) ? victim : self, address).result;
	case 9:
		return vm_map(victim, &address, size, below(2) ? next() : 0, below(2),
		              MACH_PORT_NULL, next(), below(2), (vm_prot_t)any_small_value(),
		              (vm_prot_t)any_small_value(), (vm_inherit_t)any_small_value());
	case 10: {
		vm_machine_attribute_val_t value = (vm_machine_attribute_val_t)any_small_value();
		return vm_machine_attribute(below(2) ? victim : self, address, size,
		                            any_small_value(), &value);
	}
	case 11:
		/* Small wirings only: at most 16 pages, unwired again at once. */
		size = below(17) * VM_PAGE;
		result =
		    vm_wire(target->host_priv, victim, address, size, (vm_prot_t)any_small_value());
		if (result == KERN_SUCCESS)
			(void)vm_wire(target->host_priv, victim, address, size, VM_PROT_NONE);
		return result;
	case 12:
		address = 0;
		result = vm_allocate(self, &address, size, TRUE);
		if (result == KERN_SUCCESS)
			(void)vm_deallocate(self, address, size);
		return result;
	default: {
		vm_statistics_data_t statistics;
		return vm_statistics(below(2) ? victim : self, &statistics);
	}
	}
}

void vm_hostile_fuzz(const struct vm_hostile_target *target, unsigned rounds)
{
	print("# vm_hostile: %u random calls from seed 0x%lx\n", rounds, (unsigned long)SEED);
	unsigned succeeded = 0, refused = 0, other = 0;
	for (unsigned round = 0; round < rounds; round++) {
		kern_return_t result = one_call(target);
		if (result == KERN_SUCCESS)
			succeeded++;
		else if (result > 0 && result < 0x100)
			refused++;
		else
			other++;
	}
	vm_address_t probe = 0;
	kern_return_t alive = vm_allocate(mach_task_self(), &probe, VM_PAGE, TRUE);
	if (alive == KERN_SUCCESS)
		(void)vm_deallocate(mach_task_self(), probe, VM_PAGE);
	check(alive == KERN_SUCCESS,
	      "after %u random calls (%u succeeded, %u refused by the kernel, %u other errors) "
	      "the kernel still answers",
	      rounds, succeeded, refused, other);
	mach_port_t child = MACH_PORT_NULL;
	unsigned regions = 0;
	uint64_t bytes = 0;
	kern_return_t forked = task_create(target->victim, TRUE, &child);
	check(forked == KERN_SUCCESS && vm_map_footprint(child, &regions, &bytes),
	      "the victim, whatever its map now, can be forked and its child's map walked (0x%x, "
	      "%u regions)",
	      forked, regions);
	if (forked == KERN_SUCCESS) {
		(void)task_terminate(child);
		(void)mach_port_deallocate(mach_task_self(), child);
	}
}
