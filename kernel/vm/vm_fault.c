/* Page faults: finds the page an address stands for in its entry's object or
 * down the shadow chain, zero-fills or copies on write as needed, asks a pager
 * for pages of external memory (vm_pager.c), and maps it. */
#include "vm/vm_map.h"
#include "vm/vm_map_internal.h"
#include "vm/vm_lock.h"
#include "vm/vm_charge.h"
#include "vm/vm_evict.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pager.h"
#include "vm/physmem.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "lib/kstring.h"

/* Gives entry an object of its own to write into: a fresh anonymous one, or a
 * shadow of the object it shares copy-on-write. */
static kern_return_t prepare_object(struct vm_map_entry *entry, bool for_write)
{
	uint64_t size = entry->end - entry->start;
	if (!entry->object) {
		entry->object = vm_object_allocate(size);
		if (!entry->object)
			return KERN_RESOURCE_SHORTAGE;
		entry->offset = 0;
		entry->needs_copy = false;
		return KERN_SUCCESS;
	}
	if (!entry->needs_copy || !for_write)
		return KERN_SUCCESS;
	/* Nobody left to share it with; but a pager's object stays the pager's:
	 * a private write never goes into it. */
	if (entry->object->references == 1 && !entry->object->pager) {
		entry->needs_copy = false;
		return KERN_SUCCESS;
	}
	struct vm_object *shadow = vm_object_shadow(entry->object, entry->offset, size);
	if (!shadow)
		return KERN_RESOURCE_SHORTAGE;
	entry->object = shadow;
	entry->offset = 0;
	entry->needs_copy = false;
	return KERN_SUCCESS;
}

/* One page of entry (see vm_fault_locked); wait NULL: may not sleep. */
static kern_return_t fault_page(struct vm_map *map, struct vm_map_entry *entry, uint64_t address,
                                vm_prot_t access, bool wire, struct vm_fault_wait *wait)
{
	vm_page_stats.faults++;
	/* Before any page is looked at: what the clock takes is none of ours. */
	vm_evict_if_low();
	address &= ~(uint64_t)(PAGE_SIZE - 1);
	if (entry->object && entry->object->physical)
		return vm_fault_physical(map, entry, address);
	bool for_write = wire || (access & VM_PROT_WRITE);
	kern_return_t result = prepare_object(entry, for_write);
	if (result != KERN_SUCCESS)
		return result;
	struct vm_object *first = entry->object;
	if (!entry->needs_copy)
		vm_object_collapse(first);
	uint64_t first_offset = entry->offset + (address - entry->start);
	vm_prot_t protection = entry->protection;

	struct vm_object *object = first;
	uint64_t offset = first_offset;
	struct vm_page *page = vm_page_lookup(object, offset);
	while (!page && !object->pager && object->shadow) {
		offset += object->shadow_offset;
		object = object->shadow;
		page = vm_page_lookup(object, offset);
	}
	if (object->pager) {
		/* External memory: a page copied up only needs reading from the pager. */
		vm_prot_t needed = object == first ? access : VM_PROT_READ;
		if (wire && object == first)
			needed |= VM_PROT_WRITE;
		if (!page || vm_pager_page_unusable(page, needed)) {
			if (!wait)
				return VM_FAULT_WOULD_BLOCK;
			return vm_pager_fault(object, offset, needed, wait);
		}
		page->flags |= VM_PAGE_REFERENCED;
		protection &= ~((page->flags & VM_PAGE_LOCK_MASK) >> VM_PAGE_LOCK_SHIFT);
		if (object == first && for_write)
			page->flags |= VM_PAGE_DIRTY;
		else if (!(page->flags & VM_PAGE_DIRTY))
			protection &= ~VM_PROT_WRITE; /* the first write must fault: it dirties */
	}
	if (!page) {
		/* Nowhere in the chain: a zero page in the first object. */
		page = vm_page_alloc_charged(map, first, first_offset);
		if (!page)
			return KERN_RESOURCE_SHORTAGE;
		vm_page_stats.zero_fills++;
	} else if (object != first) {
		if (for_write) {
			struct vm_page *copy = vm_page_alloc_charged(map, first, first_offset);
			if (!copy)
				return KERN_RESOURCE_SHORTAGE;
			memcpy(phys_to_virt(vm_page_phys(copy)), phys_to_virt(vm_page_phys(page)),
			       PAGE_SIZE);
			vm_page_stats.cow_faults++;
			page = copy;
			protection = entry->protection;
		} else {
			protection &= ~VM_PROT_WRITE; /* reads see the backing page */
		}
	}
	if (entry->needs_copy)
		protection &= ~VM_PROT_WRITE;
	if (!pmap_enter(map->pmap, address, vm_page_phys(page), vm_prot_to_pmap(protection)))
		return KERN_RESOURCE_SHORTAGE;
	if (wire)
		vm_page_wire(page);
	return KERN_SUCCESS;
}

kern_return_t vm_fault_locked(struct vm_map *map, struct vm_map_entry *entry, uint64_t address,
                              vm_prot_t access, bool wire)
{
	return fault_page(map, entry, address, access, wire, NULL);
}

kern_return_t vm_fault(struct vm_map *map, uint64_t address, vm_prot_t access)
{
	struct vm_fault_wait wait = {0};
	kern_return_t result;
	do {
		/* Again from the map after a wait: it may have changed meanwhile. */
		vm_lock_acquire();
		struct vm_map_entry *entry;
		if (!vm_map_lookup_entry(map, address, &entry))
			result = KERN_INVALID_ADDRESS;
		else if (access & ~entry->protection)
			result = KERN_PROTECTION_FAILURE;
		else
			result = fault_page(map, entry, address, access, false, &wait);
		vm_lock_release();
	} while (result == VM_FAULT_RETRY);
	return result;
}
