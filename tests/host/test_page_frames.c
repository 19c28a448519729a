/* Host unit test of the page-frame allocator (kernel/vm/page_frames.c). */
#include "tap.h"
#include "vm/page_frames.h"
#include <stdlib.h>

int main(void)
{
	enum { FRAMES = 1000 };
	uint64_t bitmap[2 * page_frames_bitmap_words(FRAMES)];
	struct page_frames pf;
	page_frames_init(&pf, bitmap, FRAMES);
	uint64_t frame;
	CHECK(!page_frames_alloc(&pf, &frame), "nothing can be allocated before RAM is released");
	page_frames_release_range(&pf, 100, 900);
	page_frames_reserve_range(&pf, 100, 10);
	CHECK(pf.free_count == 890 && pf.usable_count == 890, "release and reserve count frames (%lu)",
	      (unsigned long)pf.free_count);
	unsigned got = 0;
	int in_range = 1;
	static char seen[FRAMES];
	while (page_frames_alloc(&pf, &frame)) {
		in_range &= frame >= 110 && frame < FRAMES && !seen[frame];
		seen[frame] = 1;
		got++;
	}
	CHECK(got == 890 && in_range, "every usable frame is handed out once (%u)", got);
	CHECK(page_frames_free(&pf, 500, 1), "a frame is freed");
	CHECK(!page_frames_free(&pf, 500, 1), "freeing it again is refused");
	CHECK(!page_frames_free(&pf, 5, 1), "freeing a frame never released is refused");
	CHECK(!page_frames_free(&pf, 990, 20), "freeing past the end is refused");
	CHECK(page_frames_alloc(&pf, &frame) && frame == 500, "the freed frame comes back");
	for (uint64_t f = 200; f < 340; f++)
		page_frames_free(&pf, f, 1);
	CHECK(page_frames_alloc_contiguous(&pf, 64, 64, 0, &frame) && frame == 256,
	      "64 aligned contiguous frames are found (%lu)", (unsigned long)frame);
	CHECK(!page_frames_alloc_contiguous(&pf, 64, 64, 0, &frame), "no second aligned run of 64");
	CHECK(page_frames_alloc_contiguous_range(&pf, 4, 4, 322, 0, &frame) && frame == 324,
	      "a floor moves the run up to it (%lu)", (unsigned long)frame);
	CHECK(page_frames_alloc_contiguous_range(&pf, 4, 8, 321, 0, &frame) && frame == 328,
	      "a floor is rounded up to the alignment (%lu)", (unsigned long)frame);
	CHECK(!page_frames_alloc_contiguous_range(&pf, 4, 1, 900, 800, &frame),
	      "a floor above the limit finds nothing");
	page_frames_free(&pf, 324, 4);
	page_frames_free(&pf, 328, 4);
	CHECK(page_frames_alloc_contiguous(&pf, 30, 1, 240, &frame) && frame == 200,
	      "a run below a limit is found (%lu)", (unsigned long)frame);
	CHECK(!page_frames_alloc_contiguous(&pf, 30, 1, 240, &frame), "no room left below the limit");
	CHECK(!page_frames_alloc_contiguous(&pf, 3, 3, 0, &frame), "a non-power-of-two alignment is refused");

	/* Blocks (one bitmap word, 64 frames): holes are filled first. */
	while (page_frames_alloc(&pf, &frame))
		;
	for (uint64_t f = 384; f < 448; f++)
		page_frames_free(&pf, f, 1);
	page_frames_free(&pf, 700, 1);
	page_frames_free(&pf, 900, 1);
	CHECK(page_frames_free_blocks(&pf, 8) == 1 && page_frames_block_free_mask(&pf, 6) == ~0ull &&
	          page_frames_block_free_mask(&pf, 10) == 1ull << (700 % 64),
	      "one wholly free block is counted; a block's mask shows its free frames");
	uint64_t first = 0, second = 0;
	CHECK(page_frames_alloc(&pf, &first) && page_frames_alloc(&pf, &second) &&
	          (first == 700 || first == 900) && (second == 700 || second == 900) &&
	          first != second,
	      "single frames come from the holes before the free block (%lu, %lu)",
	      (unsigned long)first, (unsigned long)second);
	CHECK(page_frames_alloc(&pf, &frame) && frame >= 384 && frame < 448 &&
	          page_frames_free_blocks(&pf, 8) == 0,
	      "then from the block (%lu)", (unsigned long)frame);
	return tap_finish();
}
