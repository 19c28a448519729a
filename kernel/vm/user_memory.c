/* Interim user memory (see user_memory.h): the region list decides where, this
 * file backs regions with fresh frames mapped user read/write, and unmaps and
 * frees them through pmap_remove. Callers hold no spinlock (pmap_remove may wait
 * for other CPUs to flush their TLBs). */
#include "vm/user_memory.h"
#include "kern/kalloc.h"
#include "kern/task.h"
#include "vm/physmem.h"
#include "vm/user_copy.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"

static uint64_t pages_held; /* all tasks, atomic */

/* Spins serving TLB flush requests: the holder may be waiting in pmap_remove
 * for this CPU, which may have interrupts disabled (a task's end). */
static void user_memory_lock(struct user_memory *memory)
{
	while (!spin_trylock(&memory->lock))
		pmap_tlb_flush_serve();
}

static uint64_t round_to_page(uint64_t value)
{
	return (value + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
}

static uint64_t truncate_to_page(uint64_t value)
{
	return value & ~(uint64_t)(PAGE_SIZE - 1);
}

/* The first page of [start, end) mapped in the task's tables (program image,
 * stack), or end if none is. */
static uint64_t first_mapped_page(struct task *task, uint64_t start, uint64_t end)
{
	for (uint64_t page = start; page < end; page += PAGE_SIZE) {
		uint64_t phys;
		unsigned flags;
		if (pmap_translate(&task->space, page, &phys, &flags))
			return page;
	}
	return end;
}

/* A free range for size bytes: not in a region, not mapped otherwise. */
static kern_return_t choose_range(struct task *task, uint64_t *address, uint64_t size,
                                  bool anywhere)
{
	struct user_region_list *regions = &task->user_memory.regions;
	if (!anywhere) {
		uint64_t start = *address;
		if (user_regions_overlap(regions, start, start + size) ||
		    first_mapped_page(task, start, start + size) != start + size)
			return KERN_NO_SPACE;
		return KERN_SUCCESS;
	}
	uint64_t from = USER_MEMORY_WINDOW_START;
	for (;;) {
		uint64_t start;
		if (!user_regions_find_free(regions, USER_MEMORY_WINDOW_START,
		                            USER_MEMORY_WINDOW_END, from, size, &start))
			return KERN_NO_SPACE;
		uint64_t mapped = first_mapped_page(task, start, start + size);
		if (mapped == start + size) {
			*address = start;
			return KERN_SUCCESS;
		}
		from = mapped + PAGE_SIZE;
	}
}

/* Backs [start, end) with zeroed frames; on failure unmaps what it mapped. */
static kern_return_t map_fresh_pages(struct task *task, uint64_t start, uint64_t end)
{
	for (uint64_t page = start; page < end; page += PAGE_SIZE) {
		uint64_t phys;
		bool mapped = physmem_alloc_page(&phys);
		if (mapped && !pmap_enter(&task->space, page, phys, PMAP_USER | PMAP_WRITE)) {
			physmem_free_pages(phys, 1);
			mapped = false;
		}
		if (!mapped) {
			pmap_remove(&task->space, start, page);
			return KERN_RESOURCE_SHORTAGE;
		}
	}
	return KERN_SUCCESS;
}

kern_return_t user_memory_allocate(struct task *task, uint64_t *address, uint64_t size,
                                   bool anywhere)
{
	if (size == 0) {
		if (anywhere)
			*address = 0;
		return KERN_SUCCESS;
	}
	uint64_t start = 0, end;
	if (anywhere) {
		if (size > USER_MEMORY_WINDOW_END - USER_MEMORY_WINDOW_START)
			return KERN_NO_SPACE;
		size = round_to_page(size);
	} else {
		if (*address >= USER_SPACE_END || size > USER_SPACE_END - *address)
			return KERN_INVALID_ADDRESS;
		start = truncate_to_page(*address);
		end = round_to_page(*address + size);
		size = end - start;
	}
	struct user_region *node = user_region_node_alloc();
	if (!node)
		return KERN_RESOURCE_SHORTAGE;
	struct user_memory *memory = &task->user_memory;
	user_memory_lock(memory);
	kern_return_t result = KERN_RESOURCE_SHORTAGE;
	if (memory->regions.pages + size / PAGE_SIZE <= USER_MEMORY_TASK_PAGE_LIMIT &&
	    memory->regions.region_count < USER_MEMORY_TASK_REGION_LIMIT)
		result = choose_range(task, &start, size, anywhere);
	if (result == KERN_SUCCESS)
		result = map_fresh_pages(task, start, start + size);
	if (result == KERN_SUCCESS) {
		user_regions_insert(&memory->regions, start, start + size, node);
		__atomic_add_fetch(&pages_held, size / PAGE_SIZE, __ATOMIC_RELAXED);
		node = NULL;
	}
	spin_unlock(&memory->lock);
	kfree(node, sizeof(*node));
	if (result == KERN_SUCCESS)
		*address = start;
	return result;
}

static void release_pages(uint64_t start, uint64_t end, void *context)
{
	struct task *task = context;
	pmap_remove(&task->space, start, end);
	__atomic_sub_fetch(&pages_held, (end - start) / PAGE_SIZE, __ATOMIC_RELAXED);
}

kern_return_t user_memory_deallocate(struct task *task, uint64_t address, uint64_t size)
{
	if (size == 0)
		return KERN_SUCCESS;
	if (size > UINT64_MAX - address)
		return KERN_INVALID_ARGUMENT;
	if (address >= USER_SPACE_END)
		return KERN_SUCCESS; /* nothing can be allocated there */
	uint64_t end = address + size < USER_SPACE_END ? address + size : USER_SPACE_END;
	struct user_memory *memory = &task->user_memory;
	user_memory_lock(memory);
	kern_return_t result = user_regions_remove(&memory->regions, truncate_to_page(address),
	                                           round_to_page(end), release_pages, task);
	spin_unlock(&memory->lock);
	return result;
}

kern_return_t user_memory_copyout(struct task *task, const void *data, uint64_t size,
                                  uint64_t *address)
{
	uint64_t start = 0;
	kern_return_t result = user_memory_allocate(task, &start, size, true);
	if (result != KERN_SUCCESS)
		return result;
	/* Another thread of the task may deallocate the range at once: then the copy fails. */
	if (size > 0 && !copy_to_user(&task->space, start, data, size)) {
		user_memory_deallocate(task, start, size);
		return KERN_INVALID_ADDRESS;
	}
	*address = start;
	return KERN_SUCCESS;
}

void user_memory_release_all(struct task *task)
{
	struct user_memory *memory = &task->user_memory;
	user_memory_lock(memory);
	/* Removing everything splits nothing, so this cannot fail. */
	user_regions_remove(&memory->regions, 0, USER_SPACE_END, release_pages, task);
	spin_unlock(&memory->lock);
}

uint64_t user_memory_task_pages(struct task *task)
{
	struct user_memory *memory = &task->user_memory;
	user_memory_lock(memory);
	uint64_t pages = memory->regions.pages;
	spin_unlock(&memory->lock);
	return pages;
}

uint64_t user_memory_pages_held(void)
{
	return __atomic_load_n(&pages_held, __ATOMIC_RELAXED);
}
