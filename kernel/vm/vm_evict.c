/* Page eviction (see vm_evict.h): a clock hand over the page descriptors (in
 * frame order) gives each pager-backed page a second chance if it was used
 * since the hand last passed, and reclaims the others in batches, one TLB
 * shoot-down per batch. */
#include "vm/vm_evict.h"
#include "vm/vm_charge.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pager.h"
#include "vm/physmem.h"
#include "arch/x86_64/pmap.h"

#define EVICT_BATCH 256 /* pages unmapped before one shoot-down */

/* Wholly free blocks of frames kept for multi-page kernel buffers. */
#define FREE_BLOCKS_MIN 4
_Static_assert(PAGE_FRAMES_BLOCK <= EVICT_BATCH, "a block's pages fit in a batch");

/* Under vm_lock: the next frame the clock looks at, the next block to empty,
 * and the pages of the batch being reclaimed (off the kernel stack). */
static uint64_t clock_hand, block_hand;
static struct vm_page *batch[EVICT_BATCH];

uint64_t vm_evict_low_water(void)
{
	/* RAM is known once the VM runs: computed at the first fault, then read. */
	static uint64_t low_water;
	if (!low_water) {
		uint64_t margin = physmem_usable_count() / 64;
		low_water = vm_charge_reserve_frames() + (margin > 256 ? margin : 256);
	}
	return low_water;
}

uint64_t vm_evict_high_water(void)
{
	uint64_t batch = physmem_usable_count() / 256;
	return vm_evict_low_water() + (batch > 128 ? batch : 128);
}

/* A page the clock may take: resident in a live pager's object, not wired,
 * not being filled, not holding a pager's error or an unlock in progress. */
static bool evictable(const struct vm_page *page)
{
	return page->object && page->object->pager && !page->wire_count &&
	       !(page->flags &
	         (VM_PAGE_BUSY | VM_PAGE_ERROR | VM_PAGE_UNLOCKING | VM_PAGE_EVICTING));
}

/* Whether the page was used since the hand last passed (a fault, a supply, or
 * an accessed bit in a page table); clears the marks either way. */
static bool used_since_last_pass(struct vm_page *page)
{
	bool used = page->flags & VM_PAGE_REFERENCED;
	page->flags &= ~VM_PAGE_REFERENCED;
	if (pmap_page_test_and_clear_referenced(vm_page_phys(page)))
		used = true;
	return used;
}

/* Moves the hand over at most *budget descriptors, picking up to max victims. */
static unsigned pick_victims(struct vm_page **victims, unsigned max, uint64_t *budget)
{
	uint64_t frames = vm_page_frame_count();
	unsigned count = 0;
	for (; count < max && *budget; --*budget) {
		struct vm_page *page = vm_page_of_phys(clock_hand * PAGE_SIZE);
		clock_hand = clock_hand + 1 < frames ? clock_hand + 1 : 0;
		if (page && evictable(page) && !used_since_last_pass(page)) {
			page->flags |= VM_PAGE_EVICTING; /* a second turn must not pick it again */
			victims[count++] = page;
		}
	}
	return count;
}

/* Unmapped everywhere and out of every TLB: hands the data back if the pager
 * must have it, and frees the page. A page whose return cannot be sent (no
 * memory for the message) stays, without mappings: the next touch maps it. */
static bool reclaim(struct vm_page *page)
{
	struct vm_object *object = page->object;
	bool must_return = page->flags & (VM_PAGE_DIRTY | VM_PAGE_PRECIOUS);
	if (must_return && vm_pager_can_take_returns(object)) {
		if (!vm_pager_return_page(object, page, false)) {
			page->flags &= ~VM_PAGE_EVICTING;
			return false;
		}
		vm_page_stats.pageouts++;
	}
	vm_page_free(page);
	vm_page_stats.evicted++;
	return true;
}

/* Unmaps the victims everywhere (one shoot-down for all), then reclaims them;
 * returns how many were freed. */
static unsigned reclaim_batch(struct vm_page **victims, unsigned count)
{
	bool mapped = false;
	for (unsigned i = 0; i < count; i++)
		mapped |= pmap_page_remove_unflushed(vm_page_phys(victims[i]));
	if (mapped)
		pmap_tlb_shootdown_others();
	unsigned freed = 0;
	for (unsigned i = 0; i < count; i++)
		freed += reclaim(victims[i]);
	return freed;
}

/* The pages of block (PAGE_FRAMES_BLOCK frames) in *victims if every frame of
 * it is free or holds an evictable page, used or not; else 0. */
static unsigned block_victims(uint64_t block, struct vm_page **victims)
{
	uint64_t free_mask = physmem_block_free_mask(block);
	unsigned count = 0;
	for (unsigned i = 0; i < PAGE_FRAMES_BLOCK; i++) {
		if (free_mask >> i & 1)
			continue;
		struct vm_page *page = vm_page_of_phys((block * PAGE_FRAMES_BLOCK + i) * PAGE_SIZE);
		if (!page || !evictable(page)) {
			while (count > 0)
				victims[--count]->flags &= ~VM_PAGE_EVICTING;
			return 0;
		}
		page->flags |= VM_PAGE_EVICTING;
		victims[count++] = page;
	}
	return count;
}

/* Multi-page kernel buffers (a data_supply's data, 64 KiB) need runs of free
 * frames, which single-page allocations and the clock's scattered choices
 * break up: keeps FREE_BLOCKS_MIN wholly free blocks by emptying blocks made
 * only of evictable pages, recently used or not. */
static void keep_free_blocks(void)
{
	uint64_t have = physmem_free_blocks(FREE_BLOCKS_MIN);
	uint64_t blocks = vm_page_frame_count() / PAGE_FRAMES_BLOCK;
	for (uint64_t n = 0; have < FREE_BLOCKS_MIN && n < blocks; n++) {
		uint64_t block = block_hand;
		block_hand = block_hand + 1 < blocks ? block_hand + 1 : 0;
		unsigned count = block_victims(block, batch);
		if (count && reclaim_batch(batch, count) == count)
			have++;
	}
}

void vm_evict_if_low(void)
{
	uint64_t free = physmem_free_count(), target = vm_evict_high_water();
	if (free >= vm_evict_low_water() || !vm_pager_resident_pages())
		return;
	/* Counted in pages freed, not free frames: a page returned to its pager
	 * costs a message buffer as large until the pager receives it. */
	uint64_t needed = target - free, freed = 0;
	/* Two turns of the clock: one to clear the marks, one to find them clear. */
	uint64_t budget = 2 * vm_page_frame_count();
	while (freed < needed) {
		uint64_t left = needed - freed;
		unsigned max = left < EVICT_BATCH ? (unsigned)left : EVICT_BATCH;
		unsigned count = pick_victims(batch, max, &budget);
		if (!count)
			break;
		freed += reclaim_batch(batch, count);
	}
	keep_free_blocks();
}
