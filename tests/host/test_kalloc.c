/* Host unit test of the general allocator (kernel/kern/kalloc.c): size classes,
 * large blocks, zeroing, limits and accounting, with pages from the C heap. */
#include "tap.h"
#include "host_pages.h"
#include "kern/kalloc.h"
#include "kern/zone.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int all_zero(const void *block, size_t size)
{
	const unsigned char *bytes = block;
	for (size_t i = 0; i < size; i++) {
		if (bytes[i])
			return 0;
	}
	return 1;
}

int main(void)
{
	zone_set_page_source(&host_page_source);
	kalloc_init(64 * 1024, 5 * ZONE_PAGE_SIZE);

	static const size_t sizes[] = {0, 1, 31, 32, 33, 100, 256, 1000, 2047, 2048};
	void *blocks[10];
	int zeroed = 1, aligned = 1;
	for (int i = 0; i < 10; i++) {
		blocks[i] = kalloc(sizes[i]);
		zeroed &= blocks[i] && all_zero(blocks[i], sizes[i] ? sizes[i] : 1);
		if (blocks[i]) {
			size_t align = sizes[i] <= 32 ? 32 : 64;
			aligned &= ((uintptr_t)blocks[i] % align) == 0;
			memset(blocks[i], 0xff, sizes[i]);
		}
	}
	CHECK(zeroed, "small blocks of 0 to 2048 bytes are allocated zeroed");
	CHECK(aligned, "small blocks are aligned to 32 bytes or more");
	struct kalloc_statistics stats = kalloc_statistics();
	CHECK(stats.small_in_use == 10 && stats.large_in_use == 0,
	      "ten small blocks are counted (%zu)", stats.small_in_use);
	CHECK(stats.class_in_use[0] == 4 && stats.class_size[0] == 32,
	      "sizes 0, 1, 31 and 32 share the 32-byte class");
	CHECK(stats.class_in_use[6] == 2 && stats.class_size[6] == 2048,
	      "2047 and 2048 bytes take the 2 KiB class");
	for (int i = 0; i < 10; i++)
		kfree(blocks[i], sizes[i]);
	kfree(NULL, 64);
	stats = kalloc_statistics();
	CHECK(stats.small_in_use == 0, "freeing them brings the count back to zero");
	void *again = kalloc(100);
	CHECK(again && all_zero(again, 100), "a reused block is zeroed again");
	kfree(again, 100);

	void *large = kalloc(2049);
	CHECK(large && ((uintptr_t)large % ZONE_PAGE_SIZE) == 0 && all_zero(large, 2049),
	      "a 2049-byte block is a zeroed whole page");
	void *larger = kalloc(3 * ZONE_PAGE_SIZE + 1);
	CHECK(larger && all_zero(larger, 3 * ZONE_PAGE_SIZE + 1), "a block of 3 pages + 1 byte");
	stats = kalloc_statistics();
	CHECK(stats.large_in_use == 2 && stats.large_bytes == 5 * ZONE_PAGE_SIZE,
	      "large blocks are counted in whole pages (%zu bytes)", stats.large_bytes);
	size_t refusals = stats.refusals;
	CHECK(kalloc(2049) == NULL, "a large block past the byte limit is refused");
	CHECK(kalloc(SIZE_MAX) == NULL && kalloc(SIZE_MAX - 4000) == NULL,
	      "absurd sizes are refused without overflow");
	stats = kalloc_statistics();
	CHECK(stats.refusals == refusals + 3, "refusals are counted (%zu)",
	      stats.refusals - refusals);
	kfree(larger, 3 * ZONE_PAGE_SIZE + 1);
	kfree(large, 2049);
	stats = kalloc_statistics();
	CHECK(stats.large_in_use == 0 && stats.large_bytes == 0,
	      "large blocks give their pages back");

	host_pages_refused = true;
	CHECK(kalloc(10000) == NULL, "a page shortage is a NULL, not a crash");
	stats = kalloc_statistics();
	CHECK(stats.large_bytes == 0, "a failed large allocation leaves no bytes counted");
	host_pages_refused = false;

	/* The per-class limit: 64 KiB of 1 KiB blocks is 64 blocks. */
	void *kilobytes[65];
	int got = 0;
	for (int i = 0; i < 65; i++) {
		kilobytes[i] = kalloc(1024);
		got += kilobytes[i] != NULL;
	}
	CHECK(got == 64 && kilobytes[64] == NULL, "a size class stops at its limit (%d blocks)",
	      got);
	for (int i = 0; i < 64; i++)
		kfree(kilobytes[i], 1024);
	CHECK(kalloc_statistics().small_in_use == 0, "every block is back");
	for (struct zone *zone = zone_list(); zone; zone = zone->next) {
		if (zone->empty) /* each class keeps one empty slab cached */
			host_page_source.free_pages(zone->empty, 1);
	}
	CHECK(host_pages_out == 0, "no page leaked (%ld out)", host_pages_out);
	return tap_finish();
}
