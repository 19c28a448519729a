/* Physical-memory objects (see vm_physical.h): made for one mapping, entered
 * like any object, resolved by vm_fault_physical without any page of RAM. */
#include "vm/vm_physical.h"
#include "vm/vm_map_internal.h"
#include "vm/vm_lock.h"
#include "vm/vm_object.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"

kern_return_t vm_map_enter_physical(struct vm_map *map, uint64_t *address, uint64_t size,
                                    uint64_t mask, bool anywhere, uint64_t phys, bool cached,
                                    vm_prot_t protection, vm_prot_t max_protection,
                                    vm_inherit_t inheritance)
{
	if (size == 0 || (size & (PAGE_SIZE - 1)) || (phys & (PAGE_SIZE - 1)))
		return KERN_INVALID_ARGUMENT;
	vm_lock_acquire();
	struct vm_object *object = vm_object_allocate(size);
	if (object) {
		object->physical = true;
		object->physical_base = phys;
		object->physical_cached = cached;
	}
	vm_lock_release();
	if (!object)
		return KERN_RESOURCE_SHORTAGE;
	kern_return_t result = vm_map_enter(map, address, size, mask, anywhere, object, 0, false,
	                                    protection, max_protection, inheritance);
	if (result != KERN_SUCCESS) {
		vm_lock_acquire();
		vm_object_release(object);
		vm_lock_release();
	}
	return result;
}

kern_return_t vm_fault_physical(struct vm_map *map, struct vm_map_entry *entry, uint64_t address)
{
	uint64_t phys = entry->object->physical_base + entry->offset + (address - entry->start);
	unsigned flags = vm_prot_to_pmap(entry->protection);
	if (!flags)
		return KERN_PROTECTION_FAILURE;
	flags |= PMAP_DEVICE | (entry->object->physical_cached ? PMAP_CACHED : 0);
	if (!pmap_enter(map->pmap, address, phys, flags))
		return KERN_RESOURCE_SHORTAGE;
	return KERN_SUCCESS;
}
