/* The interim user-memory region list (see user_memory_regions.h): a sorted
 * singly linked list; neighbouring regions are joined so it stays short. */
#include "vm/user_memory_regions.h"
#include "kern/kalloc.h"
#include <stddef.h>

bool user_regions_overlap(const struct user_region_list *list, uint64_t start, uint64_t end)
{
	for (const struct user_region *region = list->first; region; region = region->next) {
		if (region->start >= end)
			return false;
		if (region->end > start)
			return true;
	}
	return false;
}

bool user_regions_find_free(const struct user_region_list *list, uint64_t window_start,
                            uint64_t window_end, uint64_t from, uint64_t size, uint64_t *start_out)
{
	uint64_t candidate = from > window_start ? from : window_start;
	if (size == 0 || window_end <= candidate)
		return false;
	for (const struct user_region *region = list->first; region; region = region->next) {
		if (region->end <= candidate)
			continue;
		if (region->start >= candidate && region->start - candidate >= size)
			break;
		candidate = region->end; /* try just past this region */
		if (candidate >= window_end)
			return false;
	}
	if (window_end - candidate < size)
		return false;
	*start_out = candidate;
	return true;
}

struct user_region *user_region_node_alloc(void)
{
	return kalloc(sizeof(struct user_region));
}

void user_regions_insert(struct user_region_list *list, uint64_t start, uint64_t end,
                         struct user_region *node)
{
	struct user_region *before = NULL, *after = list->first;
	while (after && after->start < start) {
		before = after;
		after = after->next;
	}
	list->pages += (end - start) / USER_REGION_PAGE_SIZE;
	bool joins_before = before && before->end == start;
	bool joins_after = after && after->start == end;
	if (joins_before && joins_after) {
		before->end = after->end;
		before->next = after->next;
		kfree(after, sizeof(*after));
		kfree(node, sizeof(*node));
		list->region_count--;
	} else if (joins_before) {
		before->end = end;
		kfree(node, sizeof(*node));
	} else if (joins_after) {
		after->start = start;
		kfree(node, sizeof(*node));
	} else {
		node->start = start;
		node->end = end;
		node->next = after;
		if (before)
			before->next = node;
		else
			list->first = node;
		list->region_count++;
	}
}

kern_return_t user_regions_remove(struct user_region_list *list, uint64_t start, uint64_t end,
                                  void (*release)(uint64_t start, uint64_t end, void *context),
                                  void *context)
{
	/* Only a region reaching past both ends of the range splits, and then no other is touched.
	 */
	struct user_region *split_node = NULL;
	for (struct user_region *region = list->first; region && region->start < end;
	     region = region->next) {
		if (region->start < start && region->end > end) {
			split_node = user_region_node_alloc();
			if (!split_node)
				return KERN_RESOURCE_SHORTAGE;
			break;
		}
	}
	struct user_region **link = &list->first;
	while (*link && (*link)->start < end) {
		struct user_region *region = *link;
		if (region->end <= start) {
			link = &region->next;
			continue;
		}
		uint64_t piece_start = region->start > start ? region->start : start;
		uint64_t piece_end = region->end < end ? region->end : end;
		list->pages -= (piece_end - piece_start) / USER_REGION_PAGE_SIZE;
		release(piece_start, piece_end, context);
		if (region->start < start && region->end > end) { /* keep both ends */
			split_node->start = end;
			split_node->end = region->end;
			split_node->next = region->next;
			region->end = start;
			region->next = split_node;
			list->region_count++;
			split_node = NULL;
			break;
		} else if (region->start < start) { /* keep the low end */
			region->end = start;
			link = &region->next;
		} else if (region->end > end) { /* keep the high end */
			region->start = end;
			break;
		} else { /* all of it goes */
			*link = region->next;
			kfree(region, sizeof(*region));
			list->region_count--;
		}
	}
	kfree(split_node, sizeof(*split_node));
	return KERN_SUCCESS;
}
