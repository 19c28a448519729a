/* Address maps (see vm_map.h): the entry ring, lookups, clipping, and the map
 * operations behind vm_allocate, vm_deallocate, vm_protect, vm_inherit,
 * vm_region and vm_map. Copy-on-write forking is in vm_map_fork.c, faults in
 * vm_fault.c. */
#include "vm/vm_map.h"
#include "vm/vm_map_internal.h"
#include "vm/vm_lock.h"
#include "vm/vm_charge.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pager.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "kern/zone.h"

#define VM_MAP_LIMIT       1024
#define VM_MAP_ENTRY_TOTAL (1u << 18)

static struct zone map_zone, entry_zone;

void vm_map_system_init(void)
{
	zone_init(&map_zone, "vm map", sizeof(struct vm_map), VM_MAP_LIMIT);
	zone_init(&entry_zone, "vm map entry", sizeof(struct vm_map_entry), VM_MAP_ENTRY_TOTAL);
}

struct vm_map *vm_map_create(struct address_space *pmap, uint64_t max)
{
	struct vm_map *map = zone_alloc(&map_zone);
	if (!map)
		return NULL;
	if (!vm_charge_open(map)) {
		zone_free(&map_zone, map);
		return NULL;
	}
	map->header.prev = map->header.next = &map->header;
	map->header.start = map->header.end = max;
	map->min = VM_MAP_USER_MIN;
	map->max = max;
	map->pmap = pmap;
	map->hint = &map->header;
	pmap->map = map;
	return map;
}

void vm_map_destroy(struct vm_map *map)
{
	vm_lock_acquire();
	vm_map_remove_locked(map, map->min, map->max);
	vm_charge_close(map);
	vm_lock_release();
	map->pmap->map = NULL;
	zone_free(&map_zone, map);
}

struct vm_map_entry *vm_map_entry_alloc(struct vm_map *map)
{
	if (map->entry_count >= VM_MAP_ENTRY_LIMIT)
		return NULL;
	return zone_alloc(&entry_zone);
}

void vm_map_entry_link(struct vm_map *map, struct vm_map_entry *after, struct vm_map_entry *entry)
{
	entry->prev = after;
	entry->next = after->next;
	after->next->prev = entry;
	after->next = entry;
	map->entry_count++;
	map->size += entry->end - entry->start;
}

void vm_map_entry_unlink(struct vm_map *map, struct vm_map_entry *entry)
{
	entry->prev->next = entry->next;
	entry->next->prev = entry->prev;
	map->entry_count--;
	map->size -= entry->end - entry->start;
	if (map->hint == entry)
		map->hint = &map->header;
}

void vm_map_entry_free(struct vm_map_entry *entry)
{
	zone_free(&entry_zone, entry);
}

static void entry_unlink_free(struct vm_map *map, struct vm_map_entry *entry)
{
	vm_map_entry_unlink(map, entry);
	vm_map_entry_free(entry);
}

bool vm_map_lookup_entry(struct vm_map *map, uint64_t address, struct vm_map_entry **entry_out)
{
	struct vm_map_entry *entry = map->hint;
	if (entry == &map->header || entry->start > address)
		entry = map->header.next;
	struct vm_map_entry *before = &map->header;
	for (; entry != &map->header && entry->start <= address; entry = entry->next) {
		if (address < entry->end) {
			map->hint = entry;
			*entry_out = entry;
			return true;
		}
		before = entry;
	}
	*entry_out = before;
	return false;
}

/* Splits entry at address (inside it): entry keeps [address, end), a new entry
 * before it takes [start, address). False when no entry can be had. */
static bool clip_start(struct vm_map *map, struct vm_map_entry *entry, uint64_t address)
{
	if (address <= entry->start)
		return true;
	struct vm_map_entry *front = zone_alloc(&entry_zone);
	if (!front)
		return false;
	*front = *entry;
	front->end = address;
	entry->offset += address - entry->start;
	map->size -= address - entry->start;
	entry->start = address;
	if (entry->object)
		vm_object_reference(entry->object);
	vm_map_entry_link(map, entry->prev, front);
	return true;
}

/* Splits entry at address (inside it): entry keeps [start, address). */
static bool clip_end(struct vm_map *map, struct vm_map_entry *entry, uint64_t address)
{
	if (address >= entry->end)
		return true;
	struct vm_map_entry *back = zone_alloc(&entry_zone);
	if (!back)
		return false;
	*back = *entry;
	back->start = address;
	back->offset += address - entry->start;
	map->size -= entry->end - address;
	entry->end = address;
	if (entry->object)
		vm_object_reference(entry->object);
	vm_map_entry_link(map, entry, back);
	return true;
}

bool vm_map_clip_range(struct vm_map *map, uint64_t start, uint64_t end,
                       struct vm_map_entry **first)
{
	struct vm_map_entry *entry;
	if (vm_map_lookup_entry(map, start, &entry)) {
		if (!clip_start(map, entry, start))
			return false;
	} else {
		entry = entry->next;
	}
	*first = entry;
	/* The entry containing end - 1, if any, is clipped too. */
	struct vm_map_entry *last;
	if (end > start && vm_map_lookup_entry(map, end - 1, &last) && !clip_end(map, last, end))
		return false;
	return true;
}

unsigned vm_prot_to_pmap(vm_prot_t protection)
{
	if (!(protection & VM_PROT_ALL))
		return 0;
	unsigned flags = PMAP_USER;
	if (protection & VM_PROT_WRITE)
		flags |= PMAP_WRITE;
	if (protection & VM_PROT_EXECUTE)
		flags |= PMAP_EXECUTE;
	return flags;
}

static bool range_valid(struct vm_map *map, uint64_t start, uint64_t end)
{
	return start <= end && start >= map->min && end <= map->max;
}

/* The lowest free range of size bytes at or above from, aligned to mask + 1. */
static bool find_space(struct vm_map *map, uint64_t from, uint64_t size, uint64_t mask,
                       uint64_t *start_out, struct vm_map_entry **after_out)
{
	uint64_t start = (from + mask) & ~mask;
	struct vm_map_entry *entry;
	if (vm_map_lookup_entry(map, start, &entry)) {
		start = (entry->end + mask) & ~mask;
	}
	for (;;) {
		if (start < from || start > map->max || map->max - start < size)
			return false;
		struct vm_map_entry *next = entry->next;
		if (next == &map->header || start + size <= next->start) {
			*start_out = start;
			*after_out = entry;
			return true;
		}
		entry = next;
		start = (entry->end + mask) & ~mask;
	}
}

kern_return_t vm_map_enter(struct vm_map *map, uint64_t *address, uint64_t size, uint64_t mask,
                           bool anywhere, struct vm_object *object, uint64_t offset,
                           bool needs_copy, vm_prot_t protection, vm_prot_t max_protection,
                           vm_inherit_t inheritance)
{
	if ((protection & ~VM_PROT_ALL) || (max_protection & ~VM_PROT_ALL) ||
	    (protection & ~max_protection) || (unsigned)inheritance > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_INVALID_ARGUMENT;
	if (size > map->max)
		return anywhere ? KERN_NO_SPACE : KERN_INVALID_ADDRESS;
	size = (size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	mask |= PAGE_SIZE - 1;
	vm_lock_acquire();
	uint64_t start;
	struct vm_map_entry *after;
	if (anywhere) {
		/* From the hint up; else the default region, then the whole map. */
		uint64_t hint = *address & ~(uint64_t)(PAGE_SIZE - 1);
		bool found = hint && hint >= map->min && hint < map->max &&
		             find_space(map, hint, size, mask, &start, &after);
		if (!found && !find_space(map, VM_MAP_ANYWHERE_START, size, mask, &start, &after) &&
		    !find_space(map, map->min, size, mask, &start, &after)) {
			vm_lock_release();
			return KERN_NO_SPACE;
		}
	} else {
		start = *address & ~(uint64_t)(PAGE_SIZE - 1);
		if (start & mask || !range_valid(map, start, start + size) ||
		    start + size < start) {
			vm_lock_release();
			return (start & mask) ? KERN_NO_SPACE : KERN_INVALID_ADDRESS;
		}
		if (vm_map_lookup_entry(map, start, &after) ||
		    (after->next != &map->header && after->next->start < start + size)) {
			vm_lock_release();
			return KERN_NO_SPACE;
		}
	}
	/* Anonymous memory right after anonymous memory of the same kind grows it. */
	if (!object && after != &map->header && after->end == start && !after->object &&
	    after->protection == protection && after->max_protection == max_protection &&
	    after->inheritance == inheritance && !after->wired_count && !after->is_shared) {
		after->end += size;
		map->size += size;
		vm_lock_release();
		*address = start;
		return KERN_SUCCESS;
	}
	struct vm_map_entry *entry = vm_map_entry_alloc(map);
	if (!entry) {
		vm_lock_release();
		return KERN_RESOURCE_SHORTAGE;
	}
	entry->start = start;
	entry->end = start + size;
	entry->object = object;
	entry->offset = object ? offset : 0;
	entry->needs_copy = object && needs_copy;
	entry->protection = protection;
	entry->max_protection = max_protection;
	entry->inheritance = inheritance;
	vm_map_entry_link(map, after, entry);
	vm_lock_release();
	*address = start;
	return KERN_SUCCESS;
}

/* Unwires the resident pages of a wired entry (they are all in its object). */
static void unwire_entry(struct vm_map_entry *entry)
{
	for (uint64_t address = entry->start; entry->object && address < entry->end;
	     address += PAGE_SIZE) {
		struct vm_page *page =
		    vm_page_lookup(entry->object, entry->offset + (address - entry->start));
		if (page)
			vm_page_unwire(page);
	}
	entry->wired_count = 0;
}

kern_return_t vm_map_remove_locked(struct vm_map *map, uint64_t start, uint64_t end)
{
	struct vm_map_entry *entry;
	if (!vm_map_clip_range(map, start, end, &entry))
		return KERN_RESOURCE_SHORTAGE;
	while (entry != &map->header && entry->start < end) {
		struct vm_map_entry *next = entry->next;
		pmap_remove(map->pmap, entry->start, entry->end);
		if (entry->wired_count)
			unwire_entry(entry);
		if (entry->object)
			vm_object_release(entry->object);
		entry_unlink_free(map, entry);
		entry = next;
	}
	return KERN_SUCCESS;
}

kern_return_t vm_map_remove(struct vm_map *map, uint64_t start, uint64_t end)
{
	start &= ~(uint64_t)(PAGE_SIZE - 1);
	if (end < start)
		return KERN_INVALID_ARGUMENT;
	end = (end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	if (end == 0 && start != 0)
		return KERN_INVALID_ARGUMENT; /* the range wrapped */
	if (start < map->min)
		start = map->min;
	if (end > map->max)
		end = map->max;
	if (start >= end)
		return KERN_SUCCESS;
	vm_lock_acquire();
	kern_return_t result = vm_map_remove_locked(map, start, end);
	vm_lock_release();
	return result;
}

/* Widens [*start, *end) to pages and checks it lies in the map. */
static kern_return_t page_range(struct vm_map *map, uint64_t *start, uint64_t *end)
{
	uint64_t first = *start & ~(uint64_t)(PAGE_SIZE - 1);
	if (*end < *start)
		return KERN_INVALID_ADDRESS;
	uint64_t last = (*end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	if (last < *end || !range_valid(map, first, last))
		return KERN_INVALID_ADDRESS;
	*start = first;
	*end = last;
	return KERN_SUCCESS;
}

static kern_return_t check_access_locked(struct vm_map *map, uint64_t start, uint64_t end,
                                         vm_prot_t access);

kern_return_t vm_map_protect(struct vm_map *map, uint64_t start, uint64_t end, vm_prot_t protection,
                             bool set_maximum)
{
	if (protection & ~VM_PROT_ALL)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = page_range(map, &start, &end);
	if (result != KERN_SUCCESS || start == end)
		return result;
	vm_lock_acquire();
	/* Checked before anything changes: the call is all or nothing. A hole in
	 * the range is KERN_INVALID_ADDRESS (as OSF and GNU Mach document). */
	result = check_access_locked(map, start, end, VM_PROT_NONE);
	if (result != KERN_SUCCESS) {
		vm_lock_release();
		return result;
	}
	struct vm_map_entry *entry;
	if (!vm_map_lookup_entry(map, start, &entry))
		entry = entry->next;
	for (struct vm_map_entry *e = entry; e != &map->header && e->start < end; e = e->next) {
		if (protection & ~e->max_protection) { /* neither may rise above the maximum */
			vm_lock_release();
			return KERN_PROTECTION_FAILURE;
		}
	}
	if (!vm_map_clip_range(map, start, end, &entry)) {
		vm_lock_release();
		return KERN_RESOURCE_SHORTAGE;
	}
	for (; entry != &map->header && entry->start < end; entry = entry->next) {
		if (set_maximum) {
			entry->max_protection = protection;
			entry->protection &= protection;
		} else {
			entry->protection = protection;
		}
		/* Narrowed rights leave the tables now; widened ones come with faults. */
		pmap_protect(map->pmap, entry->start, entry->end,
		             vm_prot_to_pmap(entry->protection));
	}
	vm_lock_release();
	return KERN_SUCCESS;
}

kern_return_t vm_map_inherit(struct vm_map *map, uint64_t start, uint64_t end,
                             vm_inherit_t inheritance)
{
	if ((unsigned)inheritance > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = page_range(map, &start, &end);
	if (result != KERN_SUCCESS || start == end)
		return result;
	vm_lock_acquire();
	/* All or nothing: a hole in the range is KERN_INVALID_ADDRESS. */
	result = check_access_locked(map, start, end, VM_PROT_NONE);
	struct vm_map_entry *entry;
	if (result == KERN_SUCCESS && !vm_map_clip_range(map, start, end, &entry))
		result = KERN_RESOURCE_SHORTAGE;
	if (result != KERN_SUCCESS) {
		vm_lock_release();
		return result;
	}
	for (; entry != &map->header && entry->start < end; entry = entry->next)
		entry->inheritance = inheritance;
	vm_lock_release();
	return KERN_SUCCESS;
}

kern_return_t vm_map_region(struct vm_map *map, uint64_t address, struct vm_map_region *info)
{
	vm_lock_acquire();
	struct vm_map_entry *entry;
	if (!vm_map_lookup_entry(map, address, &entry))
		entry = entry->next;
	if (entry == &map->header) {
		vm_lock_release();
		return KERN_NO_SPACE;
	}
	info->start = entry->start;
	info->size = entry->end - entry->start;
	info->protection = entry->protection;
	info->max_protection = entry->max_protection;
	info->inheritance = entry->inheritance;
	info->shared = entry->is_shared;
	info->offset = entry->offset;
	vm_lock_release();
	return KERN_SUCCESS;
}

/* Under vm_lock: whether [start, end) (pages) is all mapped and allows access. */
static kern_return_t check_access_locked(struct vm_map *map, uint64_t start, uint64_t end,
                                         vm_prot_t access)
{
	struct vm_map_entry *entry;
	if (!vm_map_lookup_entry(map, start, &entry))
		return KERN_INVALID_ADDRESS;
	uint64_t covered = start;
	kern_return_t result = KERN_SUCCESS;
	for (; entry != &map->header && entry->start < end; entry = entry->next) {
		if (entry->start > covered) /* a hole */
			return KERN_INVALID_ADDRESS;
		if (access & ~entry->protection)
			result = KERN_PROTECTION_FAILURE;
		covered = entry->end;
	}
	return covered < end ? KERN_INVALID_ADDRESS : result;
}

/* Under vm_lock: wires every page of entry with access, or unwires it
 * (VM_PROT_NONE). VM_FAULT_WOULD_BLOCK (the entry left unwired): the page at
 * *blocked_at must first come from its pager. */
static kern_return_t wire_entry_locked(struct vm_map *map, struct vm_map_entry *entry,
                                       vm_prot_t access, uint64_t *blocked_at)
{
	if (access == VM_PROT_NONE) {
		if (entry->wired_count)
			unwire_entry(entry);
		return KERN_SUCCESS;
	}
	if (entry->wired_count)
		return KERN_SUCCESS;
	/* Pages wired before a failure stay counted by the entry. */
	entry->wired_count = 1;
	for (uint64_t address = entry->start; address < entry->end; address += PAGE_SIZE) {
		kern_return_t result = vm_fault_locked(map, entry, address, access, true);
		if (result == VM_FAULT_WOULD_BLOCK) {
			unwire_entry(entry);
			*blocked_at = address;
		}
		if (result != KERN_SUCCESS)
			return result;
	}
	return KERN_SUCCESS;
}

kern_return_t vm_map_wire(struct vm_map *map, uint64_t start, uint64_t end, vm_prot_t access)
{
	if (access & ~VM_PROT_ALL)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = page_range(map, &start, &end);
	if (result != KERN_SUCCESS || start == end)
		return result;
	for (;;) {
		vm_lock_acquire();
		struct vm_map_entry *entry;
		uint64_t blocked_at = 0;
		result = check_access_locked(map, start, end, access);
		if (result == KERN_SUCCESS && !vm_map_clip_range(map, start, end, &entry))
			result = KERN_RESOURCE_SHORTAGE;
		for (; result == KERN_SUCCESS && entry != &map->header && entry->start < end;
		     entry = entry->next)
			result = wire_entry_locked(map, entry, access, &blocked_at);
		vm_lock_release();
		/* A pager's page: fetched without the lock, then everything again. */
		if (result != VM_FAULT_WOULD_BLOCK)
			return result;
		result = vm_fault(map, blocked_at, access);
		if (result != KERN_SUCCESS)
			return result;
	}
}

uint64_t vm_map_virtual_size(struct vm_map *map)
{
	return map->size;
}

kern_return_t vm_map_check_access(struct vm_map *map, uint64_t start, uint64_t end,
                                  vm_prot_t access)
{
	if (end < start)
		return KERN_INVALID_ADDRESS;
	if (start == end)
		return KERN_SUCCESS;
	kern_return_t result = page_range(map, &start, &end);
	if (result != KERN_SUCCESS)
		return result;
	vm_lock_acquire();
	result = check_access_locked(map, start, end, access);
	vm_lock_release();
	return result;
}

kern_return_t vm_map_wire_all(struct vm_map *map, int flags)
{
	if (flags & ~(VM_WIRE_CURRENT | VM_WIRE_FUTURE))
		return KERN_INVALID_ARGUMENT;
	for (;;) {
		vm_lock_acquire();
		map->wire_future = (flags & VM_WIRE_FUTURE) != 0;
		kern_return_t result = KERN_SUCCESS;
		uint64_t blocked_at = 0;
		vm_prot_t blocked_access = VM_PROT_NONE;
		/* Whole entries: no clipping, so the ring stays as it is while walked. */
		for (struct vm_map_entry *entry = map->header.next; entry != &map->header;
		     entry = entry->next) {
			vm_prot_t access =
			    (flags & VM_WIRE_CURRENT) ? entry->protection : VM_PROT_NONE;
			if ((flags & VM_WIRE_CURRENT) && access == VM_PROT_NONE)
				continue;
			kern_return_t one = wire_entry_locked(map, entry, access, &blocked_at);
			if (one == VM_FAULT_WOULD_BLOCK) {
				blocked_access = access;
				result = one;
				break;
			}
			if (one != KERN_SUCCESS && result == KERN_SUCCESS)
				result = one;
		}
		vm_lock_release();
		/* A pager's page: fetched without the lock, then everything again. */
		if (result != VM_FAULT_WOULD_BLOCK)
			return result;
		result = vm_fault(map, blocked_at, blocked_access);
		if (result != KERN_SUCCESS)
			return result;
	}
}

/* For vm_map_copy.c: the same range checks and search vm_map_wire and
 * vm_map_enter make. */
kern_return_t vm_map_check_access_locked(struct vm_map *map, uint64_t start, uint64_t end,
                                         vm_prot_t access)
{
	return check_access_locked(map, start, end, access);
}

bool vm_map_find_space_anywhere(struct vm_map *map, uint64_t size, uint64_t *start,
                                struct vm_map_entry **after)
{
	return find_space(map, VM_MAP_ANYWHERE_START, size, PAGE_SIZE - 1, start, after) ||
	       find_space(map, map->min, size, PAGE_SIZE - 1, start, after);
}
