/* The kernel object allocator: one zone per kind of object, each counting its
 * objects against a limit, so a task that allocates without bound hits an error. */
#ifndef WB_KERN_ZONE_H
#define WB_KERN_ZONE_H

#include <stddef.h>
#include <stdint.h>
#include "kern/spinlock.h"

#define ZONE_PAGE_SIZE 4096

/* Where zones get their memory: whole, page-aligned pages. */
struct zone_page_source {
	void *(*alloc_pages)(size_t count);
	void (*free_pages)(void *address, size_t count);
};

struct zone_slab;

struct zone {
	const char *name;
	size_t object_size;     /* rounded up to 16 bytes */
	size_t limit;           /* most objects alive at once */
	size_t in_use;          /* objects alive now */
	size_t peak;            /* most objects ever alive at once */
	size_t refusals;        /* allocations refused: limit reached or no memory */
	size_t pages;           /* pages the zone holds now */
	struct zone_slab *partial; /* slabs with free and used objects */
	struct zone_slab *full;    /* slabs with no free object */
	struct zone_slab *empty;   /* at most one cached slab with no used object */
	spinlock_t lock;
	struct zone *next; /* all zones, for accounting reports */
};

void zone_set_page_source(const struct zone_page_source *source);
/* The page source set last (kalloc takes its large blocks from it too). */
const struct zone_page_source *zone_get_page_source(void);
/* Registers a zone of objects of object_size bytes, at most limit alive at once. */
void zone_init(struct zone *zone, const char *name, size_t object_size, size_t limit);
/* A zeroed object, or NULL when the zone is at its limit or memory is out. */
void *zone_alloc(struct zone *zone);
void zone_free(struct zone *zone, void *object);
/* The first registered zone; follow ->next for the rest. */
struct zone *zone_list(void);

#endif
