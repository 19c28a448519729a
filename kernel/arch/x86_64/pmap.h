/* x86_64 page tables: the kernel's own (direct map of all RAM, kernel image) and
 * one 4-level table per task whose upper half is shared with the kernel. */
#ifndef WB_ARCH_PMAP_H
#define WB_ARCH_PMAP_H

#include <stdbool.h>
#include <stdint.h>
#include "kern/spinlock.h"

#define PMAP_WRITE   0x1
#define PMAP_EXECUTE 0x2
#define PMAP_USER    0x4

struct address_space {
	uint64_t pml4_phys;
	spinlock_t lock;
	uint64_t user_pages; /* frames mapped in the lower half and owned by it */
};

/* Boot: builds the kernel's tables, switches to them, starts physmem. */
void pmap_bootstrap(void);
uint64_t pmap_kernel_pml4_phys(void);
/* A PML4 that also identity-maps the first GiB, for APs leaving real mode. */
uint64_t pmap_trampoline_pml4_phys(void);
void pmap_enable_cpu_features(void); /* NX, global pages: on every CPU */

bool pmap_create(struct address_space *space);
/* Frees every frame mapped in the lower half and the tables themselves. */
void pmap_destroy(struct address_space *space);
/* Maps the frame at phys at the user address; the space then owns the frame. */
bool pmap_enter(struct address_space *space, uint64_t address, uint64_t phys, unsigned flags);
bool pmap_translate(struct address_space *space, uint64_t address, uint64_t *phys_out,
		    unsigned *flags_out);
void pmap_activate(struct address_space *space); /* NULL: the kernel's tables */
/* Unmaps the user pages of [start, end) (page-aligned) and frees their frames,
 * once no CPU can still reach them through a stale TLB entry: other CPUs are
 * asked by IPI to flush, and waited for. Returns the pages removed. Call it
 * holding no spinlock that another CPU may wait for with interrupts disabled. */
uint64_t pmap_remove(struct address_space *space, uint64_t start, uint64_t end);
/* Does the flush other CPUs asked of this one, if any: the VECTOR_TLB_FLUSH
 * handler, also called by code spinning with interrupts disabled. */
void pmap_tlb_flush_serve(void);

#endif
