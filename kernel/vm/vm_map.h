/* Address maps: a task's sorted, non-overlapping entries, each a range backed
 * by a memory object at an offset with protections and an inheritance. The
 * page tables (pmap) only cache what the map says; faults fill them. */
#ifndef WB_VM_VM_MAP_H
#define WB_VM_VM_MAP_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>
#include <mach/vm_wire.h>

struct address_space;
struct vm_object;

/* Where allocations "anywhere" go: far above static program images (linked
 * low, at 0x400000, with their brk above) and below the stack. */
#define VM_MAP_ANYWHERE_START 0x0000100000000000ull
#define VM_MAP_USER_MIN       0x0000000000001000ull /* page 0 is never mapped */
#define VM_MAP_ENTRY_LIMIT    8192                  /* per map */

struct vm_map_entry {
	struct vm_map_entry *prev, *next; /* by address; the map's header closes the ring */
	uint64_t start, end;              /* [start, end), page-aligned */
	struct vm_object *object;         /* NULL: anonymous, no page touched yet */
	uint64_t offset;                  /* of start within object */
	vm_prot_t protection, max_protection;
	vm_inherit_t inheritance;
	bool needs_copy; /* object is shared copy-on-write: shadow it before writing */
	bool is_shared;  /* object is shared read/write with another map (VM_INHERIT_SHARE) */
	unsigned wired_count;
};

struct vm_map {
	struct vm_map_entry header; /* ring sentinel: header.next is the lowest entry */
	unsigned entry_count;
	uint64_t size;              /* bytes covered by entries */
	uint64_t min, max;          /* addresses entries may cover */
	struct address_space *pmap;
	struct vm_map_entry *hint;  /* the entry a lookup found last */
	bool wire_future;           /* vm_wire_all(VM_WIRE_FUTURE): new memory comes wired */
	uint16_t charge_slot, charge_generation; /* its memory account (vm_charge.h) */
};

void vm_map_system_init(void);
/* A map of [VM_MAP_USER_MIN, max) whose faults fill pmap, with a memory
 * account of its own (vm_charge.h); NULL when out of memory or accounts. */
struct vm_map *vm_map_create(struct address_space *pmap, uint64_t max);
/* Removes every entry (unmapping and releasing their objects) and frees the map. */
void vm_map_destroy(struct vm_map *map);

/* The rest take vm_lock themselves; none may be called holding a spinlock. */

/* Maps size bytes (page-rounded) of object from offset (object NULL:
 * anonymous zero-fill), at *address or, with anywhere, at the lowest free
 * address aligned to mask + 1 at or above *address (a hint; 0: none) or, if
 * none fits there, at or above VM_MAP_ANYWHERE_START, or anywhere in the map.
 * The map takes the caller's reference to object on success.
 * KERN_NO_SPACE, KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_RESOURCE_SHORTAGE. */
kern_return_t vm_map_enter(struct vm_map *map, uint64_t *address, uint64_t size, uint64_t mask,
			   bool anywhere, struct vm_object *object, uint64_t offset,
			   bool needs_copy, vm_prot_t protection, vm_prot_t max_protection,
			   vm_inherit_t inheritance);
/* Unmaps [start, end) (widened to pages); holes are not an error. */
kern_return_t vm_map_remove(struct vm_map *map, uint64_t start, uint64_t end);
/* vm_protect and vm_inherit of [start, end) (widened to pages): all or
 * nothing; KERN_INVALID_ADDRESS if any of it is unmapped. */
kern_return_t vm_map_protect(struct vm_map *map, uint64_t start, uint64_t end, vm_prot_t protection,
			     bool set_maximum);
kern_return_t vm_map_inherit(struct vm_map *map, uint64_t start, uint64_t end,
			     vm_inherit_t inheritance);
/* Wires (access != VM_PROT_NONE: faults every page in with access, then keeps
 * it resident) or unwires [start, end), which must be fully mapped. */
kern_return_t vm_map_wire(struct vm_map *map, uint64_t start, uint64_t end, vm_prot_t access);

/* vm_wire_all: VM_WIRE_CURRENT wires every entry now (with its protection),
 * VM_WIRE_FUTURE makes later allocations come wired, VM_WIRE_NONE undoes both. */
kern_return_t vm_map_wire_all(struct vm_map *map, int flags);
/* Physically contiguous, zeroed, wired memory for DMA: size bytes from
 * [from_phys, below_phys) (0: no limit) aligned to align bytes, mapped read/write
 * anywhere; its address and physical address out. */
kern_return_t vm_map_enter_contiguous(struct vm_map *map, uint64_t size, uint64_t from_phys,
				      uint64_t below_phys, uint64_t align, uint64_t *address,
				      uint64_t *phys);

struct vm_map_region {
	uint64_t start, size;
	vm_prot_t protection, max_protection;
	vm_inherit_t inheritance;
	bool shared;
	uint64_t offset;
};
/* The first entry ending above address; KERN_NO_SPACE if there is none. */
kern_return_t vm_map_region(struct vm_map *map, uint64_t address, struct vm_map_region *info);

/* Fills child (empty) from parent by each entry's inheritance: shared entries
 * are shared, copied ones become copy-on-write in both maps, none are left out. */
kern_return_t vm_map_fork(struct vm_map *parent, struct vm_map *child);

/* Resolves a fault at address needing access: finds or makes the page and maps
 * it. KERN_INVALID_ADDRESS (nothing mapped), KERN_PROTECTION_FAILURE (the
 * entry forbids access), KERN_RESOURCE_SHORTAGE (memory out). */
kern_return_t vm_fault(struct vm_map *map, uint64_t address, vm_prot_t access);

/* KERN_SUCCESS if [start, end) (widened to pages) is all mapped and allows
 * access; KERN_INVALID_ADDRESS for a hole, KERN_PROTECTION_FAILURE otherwise. */
kern_return_t vm_map_check_access(struct vm_map *map, uint64_t start, uint64_t end, vm_prot_t access);

/* Bytes mapped, and pages of it resident, for task_info. */
uint64_t vm_map_virtual_size(struct vm_map *map);

#endif
