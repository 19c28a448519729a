/* The kernel's view of physical memory: the locked page-frame allocator and the
 * direct map through which the kernel reaches every frame. */
#ifndef WB_VM_PHYSMEM_H
#define WB_VM_PHYSMEM_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/layout.h"
#include "vm/page_frames.h"

static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(DIRECT_MAP_BASE + phys);
}

static inline uint64_t virt_to_phys(const void *virt)
{
	return (uint64_t)virt - DIRECT_MAP_BASE;
}

/* Called once by pmap_bootstrap with the bitmap storage it set aside. */
void physmem_init(uint64_t *bitmap, uint64_t frame_count);
struct page_frames *physmem_frames(void); /* boot-time only: release/reserve */

/* One frame, zeroed. False when memory is exhausted. */
bool physmem_alloc_page(uint64_t *phys_out);
bool physmem_alloc_contiguous(uint64_t count, uint64_t align_frames, uint64_t below_phys,
			      uint64_t *phys_out);
/* count frames from from_phys (rounded up to a frame) and below below_phys (0: no limit). */
bool physmem_alloc_contiguous_range(uint64_t count, uint64_t align_frames, uint64_t from_phys,
				    uint64_t below_phys, uint64_t *phys_out);
void physmem_free_pages(uint64_t phys, uint64_t count);
uint64_t physmem_free_count(void);
/* Wholly free blocks of PAGE_FRAMES_BLOCK frames, counted up to max. */
uint64_t physmem_free_blocks(uint64_t max);
/* The free frames of block number block (bit i: frame block * PAGE_FRAMES_BLOCK + i). */
uint64_t physmem_block_free_mask(uint64_t block);
uint64_t physmem_usable_count(void);

#endif
