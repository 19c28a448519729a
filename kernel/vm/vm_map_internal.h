/* What the parts of the address-map code share (vm_map.c, vm_map_fork.c,
 * vm_fault.c, vm_map_copy.c): entry allocation and lookup under vm_lock. Not
 * for callers. */
#ifndef WB_VM_VM_MAP_INTERNAL_H
#define WB_VM_VM_MAP_INTERNAL_H

#include "vm/vm_map.h"

/* All under vm_lock. */
/* A zeroed entry, or NULL at the map's or the zone's limit. */
struct vm_map_entry *vm_map_entry_alloc(struct vm_map *map);
/* Puts entry (with its range set) after `after` in the ring. */
void vm_map_entry_link(struct vm_map *map, struct vm_map_entry *after, struct vm_map_entry *entry);
/* Takes entry out of the ring (it keeps its object reference). */
void vm_map_entry_unlink(struct vm_map *map, struct vm_map_entry *entry);
/* Frees an entry that is in no ring (its object released or moved on already). */
void vm_map_entry_free(struct vm_map_entry *entry);
/* True and the entry containing address; else false and the entry before it
 * (the header if none). */
bool vm_map_lookup_entry(struct vm_map *map, uint64_t address, struct vm_map_entry **entry_out);
/* Clips so that entries begin at start and end at end; *first is the first
 * entry at or above start. False when no entry can be allocated. */
bool vm_map_clip_range(struct vm_map *map, uint64_t start, uint64_t end,
		       struct vm_map_entry **first);
kern_return_t vm_map_remove_locked(struct vm_map *map, uint64_t start, uint64_t end);
/* Resolves one page of entry (see vm_fault); with wire, the page ends up in
 * entry's own object and is wired. Never drops the lock: where a pager would
 * have to be waited for, returns VM_FAULT_WOULD_BLOCK (vm_pager.h). */
kern_return_t vm_fault_locked(struct vm_map *map, struct vm_map_entry *entry, uint64_t address,
			      vm_prot_t access, bool wire);
/* Fills copy (allocated, not linked) with a copy-on-write view of entry of
 * map: the same object referenced again with needs_copy, entry made
 * copy-on-write too and its mappings read-only; memory shared with another map
 * or wired is copied now instead. With move (the range is about to leave map)
 * entry is left as it is and the view shares the object as entry did. Pages
 * copied now are charged to charge_to (vm_charge.h). */
kern_return_t vm_map_entry_copy_view(struct vm_map *map, struct vm_map_entry *entry, bool move,
                                     struct vm_map_entry *copy, struct vm_map *charge_to);
/* check_access (vm_map_check_access) under vm_lock, on a page-aligned range. */
kern_return_t vm_map_check_access_locked(struct vm_map *map, uint64_t start, uint64_t end,
                                         vm_prot_t access);
/* The lowest free page-aligned range of size bytes, at or above
 * VM_MAP_ANYWHERE_START if possible (vm_map_enter's anywhere), and the entry
 * it follows. */
bool vm_map_find_space_anywhere(struct vm_map *map, uint64_t size, uint64_t *start,
                                struct vm_map_entry **after);
/* vm_fault_locked for an entry of physical memory: maps the frame, uncached. */
kern_return_t vm_fault_physical(struct vm_map *map, struct vm_map_entry *entry, uint64_t address);
/* The pmap flags that give a mapping protection. */
unsigned vm_prot_to_pmap(vm_prot_t protection);

#endif
