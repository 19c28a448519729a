/* The region list behind interim user memory (user_memory.h): a task's anonymous
 * regions, sorted, page-granular, never overlapping. Portable: no page tables
 * here, so host unit tests drive it. Replaced by the VM issue's address maps. */
#ifndef WB_VM_USER_MEMORY_REGIONS_H
#define WB_VM_USER_MEMORY_REGIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>

#define USER_REGION_PAGE_SIZE 4096ull

struct user_region {
	uint64_t start, end; /* [start, end), page-aligned */
	struct user_region *next;
};

/* All-zero is an empty list. */
struct user_region_list {
	struct user_region *first; /* lowest address first */
	uint64_t region_count;
	uint64_t pages; /* pages covered by the regions */
};

/* True if [start, end) meets any region. */
bool user_regions_overlap(const struct user_region_list *list, uint64_t start, uint64_t end);
/* The lowest start >= from, within [window_start, window_end), of size free
 * bytes (a page multiple). False if none. */
bool user_regions_find_free(const struct user_region_list *list, uint64_t window_start,
                            uint64_t window_end, uint64_t from, uint64_t size, uint64_t *start_out);
/* A node for user_regions_insert, from kalloc; NULL when memory is out. */
struct user_region *user_region_node_alloc(void);
/* Adds [start, end), which must be free (check with user_regions_overlap).
 * The list takes node, and frees it at once if the range joins a neighbour. */
void user_regions_insert(struct user_region_list *list, uint64_t start, uint64_t end,
                         struct user_region *node);
/* Removes whatever regions cover of [start, end), calling release(piece_start,
 * piece_end, context) for each piece removed, lowest first. Unallocated parts
 * are skipped. KERN_RESOURCE_SHORTAGE, with nothing changed, if a region must
 * split in two and there is no memory for the second node. */
kern_return_t user_regions_remove(struct user_region_list *list, uint64_t start, uint64_t end,
                                  void (*release)(uint64_t start, uint64_t end, void *context),
                                  void *context);

#endif
