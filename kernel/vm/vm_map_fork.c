/* task_create's inherited memory: each entry of the parent is shared, copied
 * copy-on-write, copied at once (memory shared with others, or wired), or
 * left out, as its inheritance says. The copy-on-write view of an entry is
 * also what out-of-line messages and vm_read carry (vm_map_copy.c). */
#include "vm/vm_map.h"
#include "vm/vm_map_internal.h"
#include "vm/vm_lock.h"
#include "vm/vm_charge.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/physmem.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "lib/kstring.h"

/* A new object holding a copy of every page entry's range shows now (pages no
 * object of the chain has stay zero-fill), charged to the map charge_to. NULL when memory
 * is out. */
static struct vm_object *copy_now(struct vm_map_entry *entry, struct vm_map *charge_to)
{
	uint64_t size = entry->end - entry->start;
	struct vm_object *copy = vm_object_allocate(size);
	if (!copy || !entry->object)
		return copy;
	/* Top of the chain first: a page found higher up hides those below it. */
	uint64_t base = entry->offset;
	for (struct vm_object *object = entry->object; object; object = object->shadow) {
		for (struct vm_page *page = object->pages; page; page = page->object_next) {
			if (page->offset < base || page->offset - base >= size)
				continue;
			uint64_t at = page->offset - base;
			if (vm_page_lookup(copy, at))
				continue;
			struct vm_page *fresh = vm_page_alloc_charged(charge_to, copy, at);
			if (!fresh) {
				vm_object_release(copy);
				return NULL;
			}
			memcpy(phys_to_virt(vm_page_phys(fresh)), phys_to_virt(vm_page_phys(page)),
			       PAGE_SIZE);
		}
		base += object->shadow_offset;
	}
	return copy;
}

/* Gives a shared entry one object both maps write into, no longer
 * copy-on-write. */
static kern_return_t make_shareable(struct vm_map_entry *entry)
{
	uint64_t size = entry->end - entry->start;
	if (!entry->object) {
		entry->object = vm_object_allocate(size);
		if (!entry->object)
			return KERN_RESOURCE_SHORTAGE;
		entry->offset = 0;
	} else if (entry->needs_copy && entry->object->references > 1) {
		struct vm_object *shadow = vm_object_shadow(entry->object, entry->offset, size);
		if (!shadow)
			return KERN_RESOURCE_SHORTAGE;
		entry->object = shadow;
		entry->offset = 0;
	}
	entry->needs_copy = false;
	return KERN_SUCCESS;
}

kern_return_t vm_map_entry_copy_view(struct vm_map *map, struct vm_map_entry *entry, bool move,
                                     struct vm_map_entry *copy, struct vm_map *charge_to)
{
	struct vm_object *object = NULL;
	uint64_t offset = 0;
	bool needs_copy = false;
	if (entry->object && entry->object->physical) {
		/* Device memory is never copied: a copy of it maps the same frames. */
		object = entry->object;
		offset = entry->offset;
		vm_object_reference(object);
	} else if (entry->is_shared || entry->wired_count) {
		/* Others write into this object: the copy must see it as it is now. */
		object = copy_now(entry, charge_to);
		if (!object)
			return KERN_RESOURCE_SHORTAGE;
	} else if (entry->object) {
		object = entry->object;
		offset = entry->offset;
		vm_object_reference(object);
		if (move) {
			/* The range leaves map: the copy shares the object as the entry did. */
			needs_copy = entry->needs_copy;
		} else {
			needs_copy = true;
			if (!entry->needs_copy) {
				entry->needs_copy = true;
				/* Writable mappings would bypass the copy: read-only now. */
				pmap_protect(map->pmap, entry->start, entry->end,
				             vm_prot_to_pmap(entry->protection & ~VM_PROT_WRITE));
			}
		}
	}
	*copy = *entry;
	copy->object = object;
	copy->offset = offset;
	copy->needs_copy = needs_copy;
	copy->is_shared = false;
	copy->wired_count = 0;
	return KERN_SUCCESS;
}

/* The child's entry for parent's entry; nothing for VM_INHERIT_NONE. */
static kern_return_t inherit_entry(struct vm_map *parent, struct vm_map_entry *entry,
				   struct vm_map *child)
{
	if (entry->inheritance == VM_INHERIT_NONE)
		return KERN_SUCCESS;
	struct vm_map_entry *copy = vm_map_entry_alloc(child);
	if (!copy)
		return KERN_RESOURCE_SHORTAGE;
	kern_return_t result;
	if (entry->inheritance == VM_INHERIT_SHARE) {
		result = make_shareable(entry);
		if (result == KERN_SUCCESS) {
			vm_object_reference(entry->object);
			entry->is_shared = true;
			*copy = *entry;
			copy->wired_count = 0;
		}
	} else {
		result = vm_map_entry_copy_view(parent, entry, false, copy, child);
	}
	if (result != KERN_SUCCESS) {
		vm_map_entry_free(copy);
		return result;
	}
	vm_map_entry_link(child, child->header.prev, copy);
	return KERN_SUCCESS;
}

kern_return_t vm_map_fork(struct vm_map *parent, struct vm_map *child)
{
	vm_lock_acquire();
	kern_return_t result = KERN_SUCCESS;
	for (struct vm_map_entry *entry = parent->header.next; entry != &parent->header;
	     entry = entry->next) {
		result = inherit_entry(parent, entry, child);
		if (result != KERN_SUCCESS)
			break;
	}
	vm_lock_release();
	return result;
}
