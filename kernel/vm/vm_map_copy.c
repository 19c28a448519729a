/* Virtual copies (see vm_map_copy.h): built from a map's entries with the
 * copy-on-write view task_create uses (vm_map_fork.c), moved whole into the
 * receiving map, read into a buffer when the kernel itself is the receiver. */
#include "vm/vm_map_copy.h"
#include "vm/vm_map_internal.h"
#include "vm/vm_lock.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/physmem.h"
#include "arch/x86_64/layout.h"
#include "kern/zone.h"
#include "lib/kstring.h"

#define VM_MAP_COPY_LIMIT 16384

static struct zone copy_zone;

void vm_map_copy_system_init(void)
{
	zone_init(&copy_zone, "vm map copy", sizeof(struct vm_map_copy), VM_MAP_COPY_LIMIT);
}

/* Under vm_lock: releases every entry of copy and copy itself. */
static void discard_locked(struct vm_map_copy *copy)
{
	struct vm_map *entries = &copy->entries;
	while (entries->header.next != &entries->header) {
		struct vm_map_entry *entry = entries->header.next;
		vm_map_entry_unlink(entries, entry);
		if (entry->object)
			vm_object_release(entry->object);
		vm_map_entry_free(entry);
	}
	zone_free(&copy_zone, copy);
}

void vm_map_copy_discard(struct vm_map_copy *copy)
{
	vm_lock_acquire();
	discard_locked(copy);
	vm_lock_release();
}

kern_return_t vm_map_copyin(struct vm_map *map, uint64_t address, uint64_t size, bool move,
                            struct vm_map_copy **copy_out)
{
	uint64_t start = address & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t end = address + size;
	if (size == 0 || end < address || end > UINT64_MAX - PAGE_SIZE)
		return KERN_INVALID_ADDRESS;
	end = (end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	vm_lock_acquire();
	kern_return_t result = vm_map_check_access_locked(map, start, end, VM_PROT_READ);
	if (result != KERN_SUCCESS) {
		vm_lock_release();
		return result;
	}
	struct vm_map_copy *copy = zone_alloc(&copy_zone);
	struct vm_map_entry *entry;
	if (!copy || !vm_map_clip_range(map, start, end, &entry)) {
		if (copy)
			zone_free(&copy_zone, copy);
		vm_lock_release();
		return KERN_RESOURCE_SHORTAGE;
	}
	struct vm_map *entries = &copy->entries;
	entries->header.prev = entries->header.next = &entries->header;
	entries->header.start = entries->header.end = entries->max = end - start;
	entries->hint = &entries->header;
	copy->offset = address - start;
	copy->size = size;
	/* The range is all mapped (checked above), so the entries tile it. */
	for (; entry != &map->header && entry->start < end; entry = entry->next) {
		struct vm_map_entry *view = vm_map_entry_alloc(entries);
		if (!view) {
			result = KERN_RESOURCE_SHORTAGE;
			break;
		}
		result = vm_map_entry_copy_view(map, entry, move, view, map);
		if (result != KERN_SUCCESS) {
			vm_map_entry_free(view);
			break;
		}
		view->start -= start;
		view->end -= start;
		vm_map_entry_link(entries, entries->header.prev, view);
	}
	if (result != KERN_SUCCESS)
		discard_locked(copy); /* entries made copy-on-write stay so: harmless */
	vm_lock_release();
	if (result == KERN_SUCCESS)
		*copy_out = copy;
	return result;
}

kern_return_t vm_map_copyout(struct vm_map *map, struct vm_map_copy *copy, uint64_t *address)
{
	struct vm_map *entries = &copy->entries;
	vm_lock_acquire();
	uint64_t start;
	struct vm_map_entry *after;
	if (map->entry_count + entries->entry_count > VM_MAP_ENTRY_LIMIT ||
	    !vm_map_find_space_anywhere(map, entries->size, &start, &after)) {
		vm_lock_release();
		return KERN_NO_SPACE;
	}
	while (entries->header.next != &entries->header) {
		struct vm_map_entry *entry = entries->header.next;
		vm_map_entry_unlink(entries, entry);
		entry->start += start;
		entry->end += start;
		/* Like new memory: the sender's protections do not travel. */
		entry->protection = VM_PROT_DEFAULT;
		entry->max_protection = VM_PROT_ALL;
		entry->inheritance = VM_INHERIT_DEFAULT;
		vm_map_entry_link(map, after, entry);
		after = entry;
	}
	*address = start + copy->offset;
	zone_free(&copy_zone, copy);
	vm_lock_release();
	return KERN_SUCCESS;
}

/* Under vm_lock: the page at offset of object or down its shadow chain, or NULL. */
static struct vm_page *find_page(struct vm_object *object, uint64_t offset)
{
	while (object) {
		struct vm_page *page = vm_page_lookup(object, offset);
		if (page)
			return page;
		offset += object->shadow_offset;
		object = object->shadow;
	}
	return NULL;
}

void vm_map_copy_read(struct vm_map_copy *copy, void *buffer)
{
	uint8_t *out = buffer;
	uint64_t from = copy->offset, to = copy->offset + copy->size;
	vm_lock_acquire();
	struct vm_map *entries = &copy->entries;
	for (struct vm_map_entry *entry = entries->header.next; entry != &entries->header;
	     entry = entry->next) {
		for (uint64_t page_start = entry->start; page_start < entry->end;
		     page_start += PAGE_SIZE) {
			uint64_t first = page_start > from ? page_start : from;
			uint64_t last = page_start + PAGE_SIZE < to ? page_start + PAGE_SIZE : to;
			if (first >= last)
				continue;
			struct vm_page *page =
			    entry->object ? find_page(entry->object,
			                              entry->offset + (page_start - entry->start))
			                  : NULL;
			uint8_t *dest = out + (first - from);
			if (page)
				memcpy(dest,
				       (uint8_t *)phys_to_virt(vm_page_phys(page)) +
				           (first - page_start),
				       last - first);
			else
				memset(dest, 0, last - first);
		}
	}
	vm_lock_release();
}
