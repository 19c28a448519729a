/* Heavy malloc: at least 1 GiB allocated and freed in total, in blocks from
 * 16 bytes to 16 MiB (glibc's brk heap and its mmap'ed chunks), at most 48 MiB
 * live at once, each block filled with a pattern of its own and checked before
 * it is freed (every byte below 4 KiB, a word a page above). */
#include "runtime_test.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS       64
#define TOTAL_BYTES (1ull << 30)
#define PAGE_BYTES  4096u
#define LIVE_LIMIT  (48u << 20)

struct block {
	uint8_t *data;
	size_t size;
	uint8_t seed;
};

static uint64_t random_state = 88172645463325252ull;

static uint64_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

static size_t pick_size(void)
{
	unsigned shift = 4 + (unsigned)(next_random() % 20); /* 16 B .. 16 MiB */
	size_t size = (size_t)1 << shift;
	return size + (size_t)(next_random() % size);
}

static void fill(struct block *block)
{
	if (block->size < PAGE_BYTES) {
		for (size_t i = 0; i < block->size; i++)
			block->data[i] = (uint8_t)(block->seed + i);
		return;
	}
	for (size_t offset = 0; offset + 8 <= block->size; offset += PAGE_BYTES)
		memcpy(block->data + offset, &(uint64_t){offset ^ block->seed}, 8);
	block->data[block->size - 1] = block->seed;
}

static bool intact(const struct block *block)
{
	if (block->size < PAGE_BYTES) {
		for (size_t i = 0; i < block->size; i++) {
			if (block->data[i] != (uint8_t)(block->seed + i))
				return false;
		}
		return true;
	}
	for (size_t offset = 0; offset + 8 <= block->size; offset += PAGE_BYTES) {
		uint64_t word;
		memcpy(&word, block->data + offset, 8);
		if (word != (offset ^ block->seed))
			return false;
	}
	return block->data[block->size - 1] == block->seed;
}

bool runtime_test_malloc(void)
{
	static struct block slots[SLOTS];
	uint64_t allocated = 0, live = 0, allocations = 0, corrupt = 0, refused = 0;
	while (allocated < TOTAL_BYTES) {
		struct block *slot = &slots[next_random() % SLOTS];
		if (slot->data) {
			corrupt += !intact(slot);
			free(slot->data);
			live -= slot->size;
			slot->data = NULL;
		}
		size_t size = pick_size();
		if (live + size > LIVE_LIMIT)
			continue;
		slot->data = malloc(size);
		if (!slot->data) {
			refused++;
			break;
		}
		slot->size = size;
		slot->seed = (uint8_t)next_random();
		fill(slot);
		live += size;
		allocated += size;
		allocations++;
	}
	for (unsigned i = 0; i < SLOTS; i++) {
		if (slots[i].data) {
			corrupt += !intact(&slots[i]);
			free(slots[i].data);
			slots[i].data = NULL;
		}
	}
	bool ok =
	    runtime_check(refused == 0 && allocated >= TOTAL_BYTES,
	                  "malloc gave %llu MiB in %llu blocks of 16 B to 16 MiB, all freed",
	                  (unsigned long long)(allocated >> 20), (unsigned long long)allocations);
	ok &=
	    runtime_check(corrupt == 0, "every block held its contents until freed (%llu did not)",
	                  (unsigned long long)corrupt);
	void *small = malloc(100), *large = malloc(64u << 20);
	ok &= runtime_check(small && large, "malloc still gives memory afterwards (100 B, 64 MiB)");
	free(small);
	free(large);
	return ok;
}
