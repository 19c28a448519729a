/* Bitmap allocator of physical page frames (see page_frames.h).
 * Single frames: word-at-a-time scan from a rotating hint; runs: linear scan. */
#include "vm/page_frames.h"

static inline bool frame_used(const struct page_frames *frames, uint64_t frame)
{
	return (frames->bitmap[frame / 64] >> (frame % 64)) & 1;
}

static inline void frame_set_used(struct page_frames *frames, uint64_t frame)
{
	frames->bitmap[frame / 64] |= 1ull << (frame % 64);
}

static inline void frame_set_free(struct page_frames *frames, uint64_t frame)
{
	frames->bitmap[frame / 64] &= ~(1ull << (frame % 64));
}

void page_frames_init(struct page_frames *frames, uint64_t *bitmap, uint64_t frame_count)
{
	frames->bitmap = bitmap;
	frames->usable = bitmap + page_frames_bitmap_words(frame_count);
	frames->frame_count = frame_count;
	frames->free_count = 0;
	frames->usable_count = 0;
	frames->search_hint = 0;
	frames->holes_elsewhere = true;
	for (size_t i = 0; i < page_frames_bitmap_words(frame_count); i++) {
		bitmap[i] = ~0ull;
		frames->usable[i] = 0;
	}
}

void page_frames_release_range(struct page_frames *frames, uint64_t first, uint64_t count)
{
	for (uint64_t f = first; f < first + count && f < frames->frame_count; f++) {
		if (frame_used(frames, f)) {
			frame_set_free(frames, f);
			frames->usable[f / 64] |= 1ull << (f % 64);
			frames->free_count++;
			frames->usable_count++;
		}
	}
	frames->holes_elsewhere = true;
}

void page_frames_reserve_range(struct page_frames *frames, uint64_t first, uint64_t count)
{
	for (uint64_t f = first; f < first + count && f < frames->frame_count; f++) {
		if (!frame_used(frames, f)) {
			frame_set_used(frames, f);
			frames->usable[f / 64] &= ~(1ull << (f % 64));
			frames->free_count--;
			frames->usable_count--;
		}
	}
	frames->holes_elsewhere = true;
}

/* One frame from the first word at or after the hint with a free frame in it;
 * with whole_words false, words wholly free are passed over. */
static bool alloc_single(struct page_frames *frames, bool whole_words, uint64_t *frame_out)
{
	size_t words = page_frames_bitmap_words(frames->frame_count);
	for (size_t n = 0; n < words; n++) {
		size_t w = (frames->search_hint + n) % words;
		uint64_t available = ~frames->bitmap[w];
		if (!available || (!whole_words && available == ~0ull))
			continue;
		uint64_t frame = w * 64 + (uint64_t)__builtin_ctzll(available);
		if (frame >= frames->frame_count)
			continue;
		frame_set_used(frames, frame);
		frames->free_count--;
		frames->search_hint = w;
		*frame_out = frame;
		return true;
	}
	return false;
}

bool page_frames_alloc(struct page_frames *frames, uint64_t *frame_out)
{
	if (frames->free_count == 0 || page_frames_bitmap_words(frames->frame_count) == 0)
		return false;
	/* Holes first: wholly free blocks are kept for runs (kernel buffers). */
	if (frames->holes_elsewhere) {
		if (alloc_single(frames, false, frame_out))
			return true;
		frames->holes_elsewhere = false;
	}
	return alloc_single(frames, true, frame_out);
}

uint64_t page_frames_free_blocks(const struct page_frames *frames, uint64_t max)
{
	uint64_t found = 0;
	for (uint64_t w = 0; w < frames->frame_count / PAGE_FRAMES_BLOCK && found < max; w++) {
		if (frames->bitmap[w] == 0)
			found++;
	}
	return found;
}

uint64_t page_frames_block_free_mask(const struct page_frames *frames, uint64_t block)
{
	return block < frames->frame_count / PAGE_FRAMES_BLOCK ? ~frames->bitmap[block] : 0;
}

bool page_frames_alloc_contiguous(struct page_frames *frames, uint64_t count, uint64_t align,
				  uint64_t limit, uint64_t *first_out)
{
	return page_frames_alloc_contiguous_range(frames, count, align, 0, limit, first_out);
}

bool page_frames_alloc_contiguous_range(struct page_frames *frames, uint64_t count, uint64_t align,
					uint64_t floor, uint64_t limit, uint64_t *first_out)
{
	if (count == 0 || align == 0 || (align & (align - 1)) != 0 || count > frames->free_count)
		return false;
	uint64_t end = frames->frame_count;
	if (limit != 0 && limit < end)
		end = limit;
	if (floor > end)
		return false;
	uint64_t first = (floor + align - 1) & ~(align - 1);
	while (first + count <= end) {
		uint64_t run = 0;
		while (run < count && !frame_used(frames, first + run))
			run++;
		if (run == count) {
			for (uint64_t f = first; f < first + count; f++)
				frame_set_used(frames, f);
			frames->free_count -= count;
			frames->holes_elsewhere = true;
			*first_out = first;
			return true;
		}
		/* Skip past the used frame, to the next aligned start. */
		first = (first + run + 1 + align - 1) & ~(align - 1);
	}
	return false;
}

bool page_frames_free(struct page_frames *frames, uint64_t first, uint64_t count)
{
	if (first >= frames->frame_count || count > frames->frame_count - first)
		return false;
	for (uint64_t f = first; f < first + count; f++) {
		bool usable = (frames->usable[f / 64] >> (f % 64)) & 1;
		if (!frame_used(frames, f) || !usable)
			return false;
	}
	for (uint64_t f = first; f < first + count; f++)
		frame_set_free(frames, f);
	frames->free_count += count;
	frames->holes_elsewhere = true;
	return true;
}

bool page_frames_is_free(const struct page_frames *frames, uint64_t frame)
{
	return frame < frames->frame_count && !frame_used(frames, frame);
}
