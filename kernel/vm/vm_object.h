/* Memory objects as the kernel holds them: a set of resident pages, possibly
 * backed by a shadow object (copy-on-write) from which pages not yet copied
 * are read. Anonymous objects are zero-filled; pager-backed ones get their
 * pages from an external pager (vm_pager.h). */
#ifndef WB_VM_VM_OBJECT_H
#define WB_VM_VM_OBJECT_H

#include <stdbool.h>
#include <stdint.h>

struct vm_page;

struct vm_object {
	unsigned references; /* map entries, shadowing objects, copies in flight */
	uint64_t size;       /* bytes; pages beyond it are never asked for */
	struct vm_page *pages;
	uint64_t resident_pages;
	/* Pages this object lacks are those of shadow at offset + shadow_offset,
	 * read-only: a write copies them here first. */
	struct vm_object *shadow;
	uint64_t shadow_offset;
	/* Physical memory outside RAM (vm_physical.c): no pages, never shadowed;
	 * offset o is the frame at physical_base + o. */
	bool physical;
	uint64_t physical_base;
	/* A kernel page shared read-only (the time page): mapped cached, not as
	 * device memory is. */
	bool physical_cached;
	/* The objects whose shadow this one is (each holds a reference), linked
	 * through their shadower_prev/next: when this object's last other
	 * reference goes, the one shadowing it left can absorb it. */
	struct vm_object *shadowers;
	struct vm_object *shadower_prev, *shadower_next;
	/* External memory (vm_pager.c): pages come from a pager, not zero fill. */
	struct ipc_port *pager;   /* send right to the memory object; NULL: anonymous */
	struct ipc_port *control; /* the kernel object port the pager answers on */
	struct ipc_port *name;    /* the object's name port (receive right held) */
	struct vm_pager_termination *termination; /* made with the object: never fails */
	bool pager_ready;                         /* memory_object_ready / change_attributes came */
	bool pager_dead;                          /* destroyed, or its pager died: faults fail */
	bool may_cache;
	int copy_strategy;
	struct vm_object *pager_next; /* all pager-backed objects (lookup by port) */
};

/* All under vm_lock. */
void vm_object_system_init(void);
/* An anonymous, zero-filled object of size bytes with one reference; NULL at
 * the zone's limit. */
struct vm_object *vm_object_allocate(uint64_t size);
void vm_object_reference(struct vm_object *object);
/* Drops a reference; the last one frees the object's pages and drops its
 * reference to its shadow (iteratively, however long the chain). When what
 * is left is a single reference from the one object shadowing it, that
 * object is collapsed (so a parent's chain shrinks when its child ends). */
void vm_object_release(struct vm_object *object);
/* A new object of size bytes shadowing object from offset; object's reference
 * passes to it. NULL (object untouched) when the zone is full. */
struct vm_object *vm_object_shadow(struct vm_object *object, uint64_t offset, uint64_t size);
/* While object's shadow is referenced only by object, moves the shadow's pages
 * that object lacks into object and drops the shadow out of the chain. */
void vm_object_collapse(struct vm_object *object);
/* Objects alive: for the accounting reports. */
uint64_t vm_object_count(void);

#endif
