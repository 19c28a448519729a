/* Memory objects (see vm_object.h): anonymous objects and shadow chains, in a
 * counted zone; destruction and collapse walk chains without recursion. */
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pager.h"
#include "kern/zone.h"
#include "arch/x86_64/layout.h"

#define VM_OBJECT_LIMIT 65536

static struct zone object_zone;

void vm_object_system_init(void)
{
	zone_init(&object_zone, "vm object", sizeof(struct vm_object), VM_OBJECT_LIMIT);
}

struct vm_object *vm_object_allocate(uint64_t size)
{
	struct vm_object *object = zone_alloc(&object_zone);
	if (!object)
		return NULL;
	object->references = 1;
	object->size = size;
	return object;
}

void vm_object_reference(struct vm_object *object)
{
	object->references++;
}

/* Makes backing object's shadow (object takes over a reference to it). */
static void shadow_link(struct vm_object *object, struct vm_object *backing)
{
	object->shadow = backing;
	object->shadower_prev = NULL;
	object->shadower_next = backing->shadowers;
	if (backing->shadowers)
		backing->shadowers->shadower_prev = object;
	backing->shadowers = object;
}

/* Takes object out of its shadow's list of shadowers (object->shadow stays). */
static void shadow_unlink(struct vm_object *object)
{
	struct vm_object *backing = object->shadow;
	if (object->shadower_prev)
		object->shadower_prev->shadower_next = object->shadower_next;
	else
		backing->shadowers = object->shadower_next;
	if (object->shadower_next)
		object->shadower_next->shadower_prev = object->shadower_prev;
	object->shadower_prev = object->shadower_next = NULL;
}

void vm_object_release(struct vm_object *object)
{
	while (object && --object->references == 0) {
		if (object->pager)
			vm_pager_object_dying(object); /* returns what must go back, terminates */
		while (object->pages)
			vm_page_free(object->pages);
		struct vm_object *shadow = object->shadow;
		if (shadow)
			shadow_unlink(object);
		zone_free(&object_zone, object);
		object = shadow;
	}
	/* Its only reference left is the one object shadowing it: fold it in. */
	if (object && object->references == 1 && object->shadowers &&
	    !object->shadowers->shadower_next)
		vm_object_collapse(object->shadowers);
}

struct vm_object *vm_object_shadow(struct vm_object *object, uint64_t offset, uint64_t size)
{
	struct vm_object *shadow = vm_object_allocate(size);
	if (!shadow)
		return NULL;
	shadow_link(shadow, object);
	shadow->shadow_offset = offset;
	return shadow;
}

void vm_object_collapse(struct vm_object *object)
{
	for (;;) {
		struct vm_object *backing = object->shadow;
		/* A pager's object keeps its pages: what it lacks is the pager's. */
		if (!backing || backing->references != 1 || backing->pager)
			return;
		/* object is backing's only user: what object lacks of its range moves up. */
		uint64_t base = object->shadow_offset;
		while (backing->pages) {
			struct vm_page *page = backing->pages;
			bool in_range = page->offset >= base && page->offset - base < object->size;
			if (in_range && !vm_page_lookup(object, page->offset - base))
				vm_page_rename(page, object, page->offset - base);
			else
				vm_page_free(page);
		}
		/* object takes backing's place (and its reference) below. */
		shadow_unlink(object);
		struct vm_object *below = backing->shadow;
		if (below) {
			shadow_unlink(backing);
			shadow_link(object, below);
		} else {
			object->shadow = NULL;
		}
		object->shadow_offset += backing->shadow_offset;
		backing->shadow = NULL;
		backing->references = 0;
		zone_free(&object_zone, backing);
	}
}

uint64_t vm_object_count(void)
{
	return object_zone.in_use;
}
