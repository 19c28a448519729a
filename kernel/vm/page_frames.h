/* The physical page-frame allocator: one bit per 4 KiB frame, built from the
 * boot memory map. Portable (no locking here: callers serialize). */
#ifndef WB_VM_PAGE_FRAMES_H
#define WB_VM_PAGE_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct page_frames {
	uint64_t *bitmap;      /* bit set = frame not available */
	uint64_t *usable;      /* bit set = frame is RAM released for use */
	uint64_t frame_count;  /* frames covered, from physical frame 0 */
	uint64_t free_count;   /* frames available now */
	uint64_t usable_count; /* frames ever released as usable RAM */
	uint64_t search_hint;  /* bitmap word where the last single-frame search ended */
	/* False once a search found no partly used word but the hint's: until a
	 * free (or a run taken) makes one, single frames skip that search. */
	bool holes_elsewhere;
};

/* Words of storage one bitmap of frame_count frames takes; init needs two. */
static inline size_t page_frames_bitmap_words(uint64_t frame_count)
{
	return (size_t)((frame_count + 63) / 64);
}

/* bitmap holds 2 * page_frames_bitmap_words(frame_count) words. Starts with
 * every frame unavailable; release the usable RAM afterwards. */
void page_frames_init(struct page_frames *frames, uint64_t *bitmap, uint64_t frame_count);
/* Marks [first, first+count) available (boot-time: usable RAM of the memory map). */
void page_frames_release_range(struct page_frames *frames, uint64_t first, uint64_t count);
/* Marks [first, first+count) unavailable (the kernel image, modules, firmware). */
void page_frames_reserve_range(struct page_frames *frames, uint64_t first, uint64_t count);

/* One frame. Holes are filled before a wholly free block is broken into. */
bool page_frames_alloc(struct page_frames *frames, uint64_t *frame_out);
/* Blocks of PAGE_FRAMES_BLOCK frames (aligned, one bitmap word) wholly free
 * now, counted up to max. */
#define PAGE_FRAMES_BLOCK 64
uint64_t page_frames_free_blocks(const struct page_frames *frames, uint64_t max);
/* Which frames of block number block are free (bit i: frame block * 64 + i). */
uint64_t page_frames_block_free_mask(const struct page_frames *frames, uint64_t block);
/* count contiguous frames, the first a multiple of align (a power of two),
 * all below frame number limit (0: no limit). */
bool page_frames_alloc_contiguous(struct page_frames *frames, uint64_t count, uint64_t align,
				  uint64_t limit, uint64_t *first_out);
/* Returns false, changing nothing, if any frame of the range is already free
 * or outside the allocator: a double free is a caller bug to report. */
/* The same, with the first frame at or above frame number floor. */
bool page_frames_alloc_contiguous_range(struct page_frames *frames, uint64_t count, uint64_t align,
					uint64_t floor, uint64_t limit, uint64_t *first_out);
bool page_frames_free(struct page_frames *frames, uint64_t first, uint64_t count);
bool page_frames_is_free(const struct page_frames *frames, uint64_t frame);

#endif
