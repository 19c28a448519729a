/* Zones (see zone.h): small objects live in one-page slabs whose header holds a
 * free list; objects larger than a quarter page get whole pages of their own. */
#include "kern/zone.h"
#include "lib/kstring.h"
#include <stdbool.h>

struct zone_slab {
	struct zone *zone;
	struct zone_slab *prev, *next;
	void *free_list;
	uint32_t used;
	uint32_t capacity;
};

/* 64 bytes, so objects whose size is a multiple of 64 are 64-byte aligned. */
#define SLAB_HEADER_SIZE ((sizeof(struct zone_slab) + 63) & ~(size_t)63)

static const struct zone_page_source *page_source;
static struct zone *all_zones;
static spinlock_t all_zones_lock = SPINLOCK_INIT;

void zone_set_page_source(const struct zone_page_source *source)
{
	page_source = source;
}

const struct zone_page_source *zone_get_page_source(void)
{
	return page_source;
}

struct zone *zone_list(void)
{
	return all_zones;
}

static bool zone_is_large(const struct zone *zone)
{
	return zone->object_size > ZONE_PAGE_SIZE / 4;
}

static size_t large_object_pages(const struct zone *zone)
{
	return (zone->object_size + ZONE_PAGE_SIZE - 1) / ZONE_PAGE_SIZE;
}

void zone_init(struct zone *zone, const char *name, size_t object_size, size_t limit)
{
	memset(zone, 0, sizeof(*zone));
	zone->name = name;
	zone->object_size = (object_size + 15) & ~(size_t)15;
	zone->limit = limit;
	irq_state_t state = spin_lock_irqsave(&all_zones_lock);
	zone->next = all_zones;
	all_zones = zone;
	spin_unlock_irqrestore(&all_zones_lock, state);
}

static void slab_list_remove(struct zone_slab **list, struct zone_slab *slab)
{
	if (slab->prev)
		slab->prev->next = slab->next;
	else
		*list = slab->next;
	if (slab->next)
		slab->next->prev = slab->prev;
	slab->prev = slab->next = NULL;
}

static void slab_list_push(struct zone_slab **list, struct zone_slab *slab)
{
	slab->prev = NULL;
	slab->next = *list;
	if (*list)
		(*list)->prev = slab;
	*list = slab;
}

static struct zone_slab *slab_create(struct zone *zone)
{
	struct zone_slab *slab = page_source->alloc_pages(1);
	if (!slab)
		return NULL;
	slab->zone = zone;
	slab->prev = slab->next = NULL;
	slab->used = 0;
	slab->capacity = (uint32_t)((ZONE_PAGE_SIZE - SLAB_HEADER_SIZE) / zone->object_size);
	slab->free_list = NULL;
	char *base = (char *)slab + SLAB_HEADER_SIZE;
	for (uint32_t i = slab->capacity; i > 0; i--) {
		void **object = (void **)(base + (i - 1) * zone->object_size);
		*object = slab->free_list;
		slab->free_list = object;
	}
	zone->pages++;
	return slab;
}

static void *zone_alloc_small(struct zone *zone)
{
	struct zone_slab *slab = zone->partial;
	if (!slab) {
		slab = zone->empty;
		if (slab) {
			zone->empty = NULL;
		} else {
			slab = slab_create(zone);
			if (!slab)
				return NULL;
		}
		slab_list_push(&zone->partial, slab);
	}
	void **object = slab->free_list;
	slab->free_list = *object;
	slab->used++;
	if (slab->used == slab->capacity) {
		slab_list_remove(&zone->partial, slab);
		slab_list_push(&zone->full, slab);
	}
	return object;
}

static void zone_free_small(struct zone *zone, void *object)
{
	struct zone_slab *slab = (struct zone_slab *)((uintptr_t)object & ~(uintptr_t)(ZONE_PAGE_SIZE - 1));
	if (slab->used == slab->capacity) {
		slab_list_remove(&zone->full, slab);
		slab_list_push(&zone->partial, slab);
	}
	*(void **)object = slab->free_list;
	slab->free_list = object;
	slab->used--;
	if (slab->used == 0) {
		slab_list_remove(&zone->partial, slab);
		if (zone->empty) {
			page_source->free_pages(slab, 1);
			zone->pages--;
		} else {
			zone->empty = slab;
		}
	}
}

void *zone_alloc(struct zone *zone)
{
	void *object = NULL;
	irq_state_t state = spin_lock_irqsave(&zone->lock);
	if (zone->in_use >= zone->limit) {
		zone->refusals++;
		spin_unlock_irqrestore(&zone->lock, state);
		return NULL;
	}
	if (zone_is_large(zone)) {
		object = page_source->alloc_pages(large_object_pages(zone));
		if (object)
			zone->pages += large_object_pages(zone);
	} else {
		object = zone_alloc_small(zone);
	}
	if (object) {
		zone->in_use++;
		if (zone->in_use > zone->peak)
			zone->peak = zone->in_use;
	} else {
		zone->refusals++;
	}
	spin_unlock_irqrestore(&zone->lock, state);
	if (object)
		memset(object, 0, zone->object_size);
	return object;
}

void zone_free(struct zone *zone, void *object)
{
	if (!object)
		return;
	irq_state_t state = spin_lock_irqsave(&zone->lock);
	if (zone_is_large(zone)) {
		page_source->free_pages(object, large_object_pages(zone));
		zone->pages -= large_object_pages(zone);
	} else {
		zone_free_small(zone, object);
	}
	zone->in_use--;
	spin_unlock_irqrestore(&zone->lock, state);
}
