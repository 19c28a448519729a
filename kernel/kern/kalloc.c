/* The general allocator (see kalloc.h): a zone per power-of-two size class,
 * whole pages from the zones' page source for anything larger. */
#include "kern/kalloc.h"
#include "kern/spinlock.h"
#include "kern/zone.h"
#include "lib/kstring.h"
#include <stdbool.h>

static const char *const class_names[KALLOC_CLASS_COUNT] = {
    "kalloc.32",  "kalloc.64",   "kalloc.128",  "kalloc.256",
    "kalloc.512", "kalloc.1024", "kalloc.2048",
};

static struct zone class_zones[KALLOC_CLASS_COUNT];
static spinlock_t large_lock = SPINLOCK_INIT;
static size_t large_in_use, large_bytes, large_byte_limit, large_refusals;

void kalloc_init(size_t class_bytes_limit, size_t large_bytes_limit)
{
	for (unsigned i = 0; i < KALLOC_CLASS_COUNT; i++) {
		size_t size = (size_t)KALLOC_SMALLEST << i;
		zone_init(&class_zones[i], class_names[i], size, class_bytes_limit / size);
	}
	large_byte_limit = large_bytes_limit;
}

/* The size class holding size bytes: the smallest power of two not below it. */
static unsigned class_index(size_t size)
{
	unsigned index = 0;
	while (((size_t)KALLOC_SMALLEST << index) < size)
		index++;
	return index;
}

static size_t large_pages(size_t size)
{
	return (size + ZONE_PAGE_SIZE - 1) / ZONE_PAGE_SIZE;
}

static void *kalloc_large(size_t size)
{
	const struct zone_page_source *source = zone_get_page_source();
	irq_state_t state = spin_lock_irqsave(&large_lock);
	/* Compared before rounding, so a huge size cannot overflow the page count. */
	bool allowed = source && size <= large_byte_limit &&
	               large_pages(size) * ZONE_PAGE_SIZE <= large_byte_limit - large_bytes;
	if (allowed)
		large_bytes +=
		    large_pages(size) * ZONE_PAGE_SIZE; /* reserved before the pages come */
	else
		large_refusals++;
	spin_unlock_irqrestore(&large_lock, state);
	if (!allowed)
		return NULL;
	void *block = source->alloc_pages(large_pages(size));
	state = spin_lock_irqsave(&large_lock);
	if (block) {
		large_in_use++;
	} else {
		large_bytes -= large_pages(size) * ZONE_PAGE_SIZE;
		large_refusals++;
	}
	spin_unlock_irqrestore(&large_lock, state);
	if (block)
		memset(block, 0, size);
	return block;
}

void *kalloc(size_t size)
{
	if (size > KALLOC_LARGEST_SMALL)
		return kalloc_large(size);
	return zone_alloc(&class_zones[class_index(size)]);
}

void kfree(void *address, size_t size)
{
	if (!address)
		return;
	if (size <= KALLOC_LARGEST_SMALL) {
		zone_free(&class_zones[class_index(size)], address);
		return;
	}
	zone_get_page_source()->free_pages(address, large_pages(size));
	irq_state_t state = spin_lock_irqsave(&large_lock);
	large_in_use--;
	large_bytes -= large_pages(size) * ZONE_PAGE_SIZE;
	spin_unlock_irqrestore(&large_lock, state);
}

struct kalloc_statistics kalloc_statistics(void)
{
	struct kalloc_statistics statistics;
	memset(&statistics, 0, sizeof(statistics));
	for (unsigned i = 0; i < KALLOC_CLASS_COUNT; i++) {
		struct zone *zone = &class_zones[i];
		irq_state_t state = spin_lock_irqsave(&zone->lock);
		statistics.class_size[i] = zone->object_size;
		statistics.class_in_use[i] = zone->in_use;
		statistics.refusals += zone->refusals;
		spin_unlock_irqrestore(&zone->lock, state);
		statistics.small_in_use += statistics.class_in_use[i];
	}
	irq_state_t state = spin_lock_irqsave(&large_lock);
	statistics.large_in_use = large_in_use;
	statistics.large_bytes = large_bytes;
	statistics.large_byte_limit = large_byte_limit;
	statistics.refusals += large_refusals;
	spin_unlock_irqrestore(&large_lock, state);
	return statistics;
}
