/* Interim user memory: vm_allocate/vm_deallocate semantics for a task, as
 * anonymous, eagerly zero-filled, read/write regions, for out-of-line message
 * memory and MIG's mig_allocate. The VM issue replaces all of this with real
 * address maps and memory objects; the region list is in user_memory_regions.h. */
#ifndef WB_VM_USER_MEMORY_H
#define WB_VM_USER_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include "kern/spinlock.h"
#include "vm/user_memory_regions.h"

struct task;

/* Where allocations "anywhere" go: far above static program images (linked
 * low, at 0x400000) and below the stack (under USER_STACK_TOP). */
#define USER_MEMORY_WINDOW_START 0x0000100000000000ull
#define USER_MEMORY_WINDOW_END   0x0000700000000000ull
/* Most a task may hold: pages, and separate regions. */
#define USER_MEMORY_TASK_PAGE_LIMIT   16384 /* 64 MiB */
#define USER_MEMORY_TASK_REGION_LIMIT 4096

/* In struct task; all-zero is a task holding no user memory. */
struct user_memory {
	spinlock_t lock; /* never taken from an interrupt handler */
	struct user_region_list regions;
};

/* Allocates size bytes (rounded up to pages) of zeroed read/write memory. With
 * anywhere, at the lowest free address of the window, returned in *address;
 * otherwise at *address (rounded down to a page), failing with KERN_NO_SPACE if
 * anything is already there and KERN_INVALID_ADDRESS outside user space. Size
 * 0 allocates nothing (and gives address 0 with anywhere). At the task's limits
 * or when memory is out: KERN_RESOURCE_SHORTAGE, with nothing allocated. */
kern_return_t user_memory_allocate(struct task *task, uint64_t *address, uint64_t size,
                                   bool anywhere);
/* Unmaps and frees whatever of [address, address+size), widened to pages, was
 * allocated here; unallocated space in the range is not an error. The program
 * image and stack are not affected. KERN_INVALID_ARGUMENT if the range wraps. */
kern_return_t user_memory_deallocate(struct task *task, uint64_t address, uint64_t size);
/* Allocates anywhere and copies size bytes of data in: out-of-line delivery. */
kern_return_t user_memory_copyout(struct task *task, const void *data, uint64_t size,
                                  uint64_t *address);
/* Frees all of a task's user memory: when it ends, before its tables go. */
void user_memory_release_all(struct task *task);
/* Pages held by one task; by all tasks together (to check nothing leaks). */
uint64_t user_memory_task_pages(struct task *task);
uint64_t user_memory_pages_held(void);

#endif
