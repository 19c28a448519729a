/* Host unit test of the interim user-memory region list
 * (kernel/vm/user_memory_regions.c): free-range search, insertion with joining,
 * removal with splitting, and no node or accounting leaks. */
#include "tap.h"
#include "host_pages.h"
#include "kern/kalloc.h"
#include "kern/zone.h"
#include "vm/user_memory_regions.h"
#include <stdlib.h>
#include <string.h>

#define PAGE         USER_REGION_PAGE_SIZE
#define WINDOW_START (16 * PAGE)
#define WINDOW_END   (64 * PAGE)

/* What release callbacks reported, as "start-end " in pages. */
static char released[512];

static void record_release(uint64_t start, uint64_t end, void *context)
{
	(void)context;
	size_t used = strlen(released);
	snprintf(released + used, sizeof(released) - used, "%llu-%llu ",
	         (unsigned long long)(start / PAGE), (unsigned long long)(end / PAGE));
}

/* The list as "start-end " in pages, lowest first. */
static const char *describe(const struct user_region_list *list)
{
	static char text[512];
	text[0] = 0;
	for (const struct user_region *r = list->first; r; r = r->next) {
		size_t used = strlen(text);
		snprintf(text + used, sizeof(text) - used, "%llu-%llu ",
		         (unsigned long long)(r->start / PAGE),
		         (unsigned long long)(r->end / PAGE));
	}
	return text;
}

static void insert(struct user_region_list *list, uint64_t first_page, uint64_t end_page)
{
	user_regions_insert(list, first_page * PAGE, end_page * PAGE, user_region_node_alloc());
}

static uint64_t find(const struct user_region_list *list, uint64_t from_page, uint64_t pages)
{
	uint64_t start;
	if (!user_regions_find_free(list, WINDOW_START, WINDOW_END, from_page * PAGE, pages * PAGE,
	                            &start))
		return 0;
	return start / PAGE;
}

static kern_return_t remove_pages(struct user_region_list *list, uint64_t first, uint64_t end)
{
	released[0] = 0;
	return user_regions_remove(list, first * PAGE, end * PAGE, record_release, NULL);
}

int main(void)
{
	zone_set_page_source(&host_page_source);
	kalloc_init(1 << 20, 1 << 20);
	struct user_region_list list;
	memset(&list, 0, sizeof(list));

	CHECK(find(&list, 0, 4) == 16, "an empty list: the window's first page");
	CHECK(find(&list, 0, 48) == 16 && find(&list, 0, 49) == 0, "the window bounds the size");
	insert(&list, 16, 20);
	CHECK(find(&list, 0, 4) == 20, "the next allocation goes just after the first");
	insert(&list, 20, 24);
	CHECK(!strcmp(describe(&list), "16-24 ") && list.region_count == 1 && list.pages == 8,
	      "adjacent regions join (%s)", describe(&list));
	insert(&list, 30, 32);
	CHECK(find(&list, 0, 6) == 24 && find(&list, 0, 7) == 32,
	      "a gap is used only if big enough");
	CHECK(find(&list, 25, 2) == 25 && find(&list, 29, 2) == 32, "the search starts at from");
	CHECK(user_regions_overlap(&list, 23 * PAGE, 24 * PAGE) &&
	          !user_regions_overlap(&list, 24 * PAGE, 30 * PAGE) &&
	          user_regions_overlap(&list, 0, 100 * PAGE),
	      "overlap is detected exactly at region edges");
	insert(&list, 24, 30);
	CHECK(!strcmp(describe(&list), "16-32 ") && list.region_count == 1,
	      "filling a gap joins both neighbours (%s)", describe(&list));

	CHECK(remove_pages(&list, 20, 22) == KERN_SUCCESS &&
	          !strcmp(describe(&list), "16-20 22-32 "),
	      "removing the middle splits a region (%s)", describe(&list));
	CHECK(!strcmp(released, "20-22 ") && list.pages == 14,
	      "the removed pages are released once");
	CHECK(remove_pages(&list, 18, 24) == KERN_SUCCESS &&
	          !strcmp(describe(&list), "16-18 24-32 "),
	      "a range across a hole trims both sides (%s)", describe(&list));
	CHECK(!strcmp(released, "18-20 22-24 "), "only allocated pieces are released (%s)",
	      released);
	CHECK(remove_pages(&list, 40, 50) == KERN_SUCCESS && released[0] == 0 && list.pages == 10,
	      "removing unallocated space is not an error and releases nothing");

	host_pages_refused = true;
	unsigned long count_before = list.region_count;
	/* The 32-byte class may still have free slots: use them up first. */
	void *hog[200];
	int hogs = 0;
	while (hogs < 200 && (hog[hogs] = kalloc(sizeof(struct user_region))) != NULL)
		hogs++;
	CHECK(remove_pages(&list, 26, 27) == KERN_RESOURCE_SHORTAGE && released[0] == 0 &&
	          list.region_count == count_before && list.pages == 10,
	      "a split without memory fails and changes nothing");
	CHECK(remove_pages(&list, 24, 26) == KERN_SUCCESS && !strcmp(released, "24-26 "),
	      "trimming an end needs no memory");
	for (int i = 0; i < hogs; i++)
		kfree(hog[i], sizeof(struct user_region));
	host_pages_refused = false;

	CHECK(remove_pages(&list, 0, 1ull << 35) == KERN_SUCCESS && list.first == NULL &&
	          list.pages == 0 && list.region_count == 0,
	      "removing everything empties the list");
	CHECK(!strcmp(released, "16-18 26-32 "), "and releases every remaining piece (%s)",
	      released);

	/* Many single-page regions, every other page: 16 regions, then fill and clear. */
	for (uint64_t page = 16; page < 48; page += 2)
		insert(&list, page, page + 1);
	CHECK(list.region_count == 16 && list.pages == 16, "16 separate regions");
	for (uint64_t page = 17; page < 48; page += 2)
		insert(&list, page, page + 1);
	CHECK(list.region_count == 1 && !strcmp(describe(&list), "16-48 "),
	      "filling every gap leaves one region (%s)", describe(&list));
	remove_pages(&list, 0, 64);
	struct kalloc_statistics stats = kalloc_statistics();
	CHECK(stats.small_in_use == 0, "no region node leaked (%zu alive)", stats.small_in_use);
	for (struct zone *zone = zone_list(); zone; zone = zone->next) {
		if (zone->empty)
			host_page_source.free_pages(zone->empty, 1);
	}
	CHECK(host_pages_out == 0, "no page leaked");
	return tap_finish();
}
