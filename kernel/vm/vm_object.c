/* Memory objects (see vm_object.h): anonymous objects and shadow chains, in a
 * counted zone; destruction and collapse walk chains without recursion. */
#include "vm/vm_object.h"
#include "vm/vm_page.h"
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

void vm_object_release(struct vm_object *object)
{
	while (object && --object->references == 0) {
		while (object->pages)
			vm_page_free(object->pages);
		struct vm_object *shadow = object->shadow;
		zone_free(&object_zone, object);
		object = shadow;
	}
}

struct vm_object *vm_object_shadow(struct vm_object *object, uint64_t offset, uint64_t size)
{
	struct vm_object *shadow = vm_object_allocate(size);
	if (!shadow)
		return NULL;
	shadow->shadow = object;
	shadow->shadow_offset = offset;
	return shadow;
}

void vm_object_collapse(struct vm_object *object)
{
	for (;;) {
		struct vm_object *backing = object->shadow;
		if (!backing || backing->references != 1)
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
		object->shadow = backing->shadow;
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
