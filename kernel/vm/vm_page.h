/* Resident pages: one descriptor per frame of RAM, the (object, offset) hash
 * through which faults find a page, and the VM's page statistics. */
#ifndef WB_VM_VM_PAGE_H
#define WB_VM_VM_PAGE_H

#include <stdbool.h>
#include <stdint.h>

struct vm_object;

#define VM_PAGE_BUSY       0x1  /* being filled by a pager: wait for it */
#define VM_PAGE_DIRTY      0x2  /* written since the pager last had it */
#define VM_PAGE_ERROR      0x4  /* the pager answered data_error: the next fault fails */
#define VM_PAGE_PRECIOUS   0x8  /* the pager wants it back even if clean */
#define VM_PAGE_RUN_HEAD   0x10 /* the page a data_request was sent for (run_pages long) */
#define VM_PAGE_UNLOCKING  0x20 /* a data_unlock for it is outstanding */
#define VM_PAGE_REFERENCED 0x40 /* touched since the page-cache clock last passed */
#define VM_PAGE_EVICTING   0x80 /* picked by the eviction clock (vm_evict.c) */
/* The pager's lock on the page (accesses that need data_unlock), bits 8-10. */
#define VM_PAGE_LOCK_SHIFT 8
#define VM_PAGE_LOCK_MASK  (0x7 << VM_PAGE_LOCK_SHIFT)

struct vm_page {
	struct vm_object *object; /* NULL: not in an object (free, or the kernel's) */
	uint64_t offset;          /* byte offset in the object, page-aligned */
	struct vm_page *hash_next;
	struct vm_page *object_prev, *object_next; /* the object's resident pages */
	uint32_t wire_count;
	uint16_t flags;
	/* The map account it counts against (vm_charge.c), if charged. */
	bool charged;
	uint16_t charge_slot, charge_generation;
	uint16_t run_pages; /* VM_PAGE_RUN_HEAD: pages the request asked for from here */
};

/* The VM's counters, as vm_statistics reports them. */
struct vm_page_statistics {
	uint64_t resident;      /* pages in objects */
	uint64_t wired;         /* of which wired */
	uint64_t faults;        /* page faults resolved or refused */
	uint64_t zero_fills;    /* pages zero-filled on first touch */
	uint64_t cow_faults;    /* pages copied on write */
	uint64_t lookups, hits; /* object page lookups, and those that found the page */
	uint64_t evicted;       /* pagers' pages reclaimed under memory pressure */
	uint64_t pageouts;      /* of which sent back to their pager (dirty or precious) */
};

/* At boot, after physmem: descriptors for every frame of RAM and the hash. */
void vm_page_system_init(void);
/* Under vm_lock. A zeroed page at offset of object (which has none there),
 * or NULL when memory is out. */
struct vm_page *vm_page_alloc(struct vm_object *object, uint64_t offset);
/* Under vm_lock: puts the frame at phys, already allocated from physmem, at
 * offset of object; freeing the page frees the frame. */
struct vm_page *vm_page_insert_frame(struct vm_object *object, uint64_t offset, uint64_t phys);
/* Under vm_lock: unmaps the page everywhere, takes it out of its object, frees the frame. */
void vm_page_free(struct vm_page *page);
struct vm_page *vm_page_lookup(struct vm_object *object, uint64_t offset);
/* Moves a resident page to another object and offset (which has none there). */
void vm_page_rename(struct vm_page *page, struct vm_object *object, uint64_t offset);
uint64_t vm_page_phys(const struct vm_page *page);
/* The descriptor of the RAM frame at phys, or NULL (not RAM the VM manages). */
struct vm_page *vm_page_of_phys(uint64_t phys);
/* Frames with a descriptor: those of physical addresses below this many pages. */
uint64_t vm_page_frame_count(void);
void vm_page_wire(struct vm_page *page);
void vm_page_unwire(struct vm_page *page);
extern struct vm_page_statistics vm_page_stats; /* under vm_lock */

#endif
