/* Physical memory for the kernel (see physmem.h): the page-frame allocator
 * behind one lock, and the page source that feeds the object zones. */
#include "vm/physmem.h"
#include "kern/spinlock.h"
#include "kern/zone.h"
#include "dev/console.h"
#include "lib/kstring.h"

static struct page_frames frames;
static spinlock_t frames_lock = SPINLOCK_INIT;

static void *zone_pages_alloc(size_t count)
{
	uint64_t phys;
	bool ok = count == 1 ? physmem_alloc_page(&phys) : physmem_alloc_contiguous(count, 1, 0, &phys);
	return ok ? phys_to_virt(phys) : NULL;
}

static void zone_pages_free(void *address, size_t count)
{
	physmem_free_pages(virt_to_phys(address), count);
}

static const struct zone_page_source zone_source = {zone_pages_alloc, zone_pages_free};

void physmem_init(uint64_t *bitmap, uint64_t frame_count)
{
	page_frames_init(&frames, bitmap, frame_count);
	zone_set_page_source(&zone_source);
}

struct page_frames *physmem_frames(void)
{
	return &frames;
}

bool physmem_alloc_page(uint64_t *phys_out)
{
	uint64_t frame;
	irq_state_t state = spin_lock_irqsave(&frames_lock);
	bool ok = page_frames_alloc(&frames, &frame);
	spin_unlock_irqrestore(&frames_lock, state);
	if (!ok)
		return false;
	*phys_out = frame * PAGE_SIZE;
	memset(phys_to_virt(*phys_out), 0, PAGE_SIZE);
	return true;
}

bool physmem_alloc_contiguous(uint64_t count, uint64_t align_frames, uint64_t below_phys,
			      uint64_t *phys_out)
{
	return physmem_alloc_contiguous_range(count, align_frames, 0, below_phys, phys_out);
}

bool physmem_alloc_contiguous_range(uint64_t count, uint64_t align_frames, uint64_t from_phys,
				    uint64_t below_phys, uint64_t *phys_out)
{
	uint64_t first;
	irq_state_t state = spin_lock_irqsave(&frames_lock);
	bool ok = page_frames_alloc_contiguous_range(&frames, count, align_frames,
						     (from_phys + PAGE_SIZE - 1) / PAGE_SIZE,
						     below_phys / PAGE_SIZE, &first);
	spin_unlock_irqrestore(&frames_lock, state);
	if (!ok)
		return false;
	*phys_out = first * PAGE_SIZE;
	memset(phys_to_virt(*phys_out), 0, count * PAGE_SIZE);
	return true;
}

void physmem_free_pages(uint64_t phys, uint64_t count)
{
	irq_state_t state = spin_lock_irqsave(&frames_lock);
	bool ok = page_frames_free(&frames, phys / PAGE_SIZE, count);
	spin_unlock_irqrestore(&frames_lock, state);
	if (!ok)
		panic("physmem: freeing %lu frames at 0x%lx that are not allocated", (unsigned long)count,
		      (unsigned long)phys);
}

uint64_t physmem_free_blocks(uint64_t max)
{
	irq_state_t state = spin_lock_irqsave(&frames_lock);
	uint64_t found = page_frames_free_blocks(&frames, max);
	spin_unlock_irqrestore(&frames_lock, state);
	return found;
}

uint64_t physmem_block_free_mask(uint64_t block)
{
	irq_state_t state = spin_lock_irqsave(&frames_lock);
	uint64_t mask = page_frames_block_free_mask(&frames, block);
	spin_unlock_irqrestore(&frames_lock, state);
	return mask;
}

uint64_t physmem_free_count(void)
{
	return frames.free_count;
}

uint64_t physmem_usable_count(void)
{
	return frames.usable_count;
}
