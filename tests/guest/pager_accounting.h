/* What the pager programs check at their end: the kernel's object counts
 * (host_slab_info), the task's names and the free page count (vm_statistics)
 * as they were at the start. */
#ifndef WB_GUEST_PAGER_ACCOUNTING_H
#define WB_GUEST_PAGER_ACCOUNTING_H

#include <stdbool.h>
#include <stdint.h>

/* Free pages may differ by this much (page tables, allocator slabs). */
#define PAGER_FREE_PAGES_SLACK 32

/* Touches what the program will touch anyway (runtime thread stacks, static
 * buffers, the page tables of the first `address_space` bytes of anywhere
 * allocations, which the kernel keeps after vm_deallocate for reuse), so that
 * the start snapshot is not skewed by first use. */
void pager_accounting_warm_up(uint64_t address_space);
/* Takes the start snapshot. */
bool pager_accounting_start(void);
/* Compares with the start: one check each for kernel objects, names, free pages. */
void pager_accounting_finish(const char *program);
/* The free page count now (vm_statistics), -1 if refused. */
long pager_free_pages(void);

#endif
