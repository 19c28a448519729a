/* x86_64 page tables: the kernel's own (direct map of all RAM, kernel image) and
 * one 4-level table per task whose upper half is shared with the kernel. */
#ifndef WB_ARCH_PMAP_H
#define WB_ARCH_PMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kern/spinlock.h"

#define PMAP_WRITE   0x1
#define PMAP_EXECUTE 0x2
#define PMAP_USER    0x4
/* Device memory (physical memory outside RAM, mapped for a privileged task):
 * uncached, and never touched by the kernel through the direct map
 * (pmap_copy_user refuses it; pmap_translate reports it). */
#define PMAP_DEVICE 0x8
/* With PMAP_DEVICE: a kernel page shared with tasks (the time page), which
 * the kernel otherwise treats as device memory but maps cached. */
#define PMAP_CACHED 0x10

struct vm_map;

struct address_space {
	uint64_t pml4_phys;
	spinlock_t lock;          /* the tables' entries */
	uint64_t resident_pages;  /* user pages mapped now */
	struct vm_map *map;       /* the address map whose pages these tables cache */
};

/* Boot: builds the kernel's tables, switches to them, starts physmem. */
void pmap_bootstrap(void);
uint64_t pmap_kernel_pml4_phys(void);
/* A PML4 that also identity-maps the first GiB, for APs leaving real mode. */
uint64_t pmap_trampoline_pml4_phys(void);
void pmap_enable_cpu_features(void); /* NX, global pages: on every CPU */
/* Reverse maps (which spaces map a frame) for frames below frame_count. */
void pmap_pv_system_init(uint64_t frame_count);

/* The tables cache mappings the VM (vm/) decides; they own no frame. Every
 * call that changes a mapping is made under vm_lock (vm/vm_lock.h), which
 * also guards the reverse maps. */
bool pmap_create(struct address_space *space);
/* Frees the tables; every user mapping must have been removed. */
void pmap_destroy(struct address_space *space);
/* Maps the frame at phys at the user address with flags, replacing whatever
 * was mapped there. False when memory for a table or reverse-map entry is out. */
bool pmap_enter(struct address_space *space, uint64_t address, uint64_t phys, unsigned flags);
bool pmap_translate(struct address_space *space, uint64_t address, uint64_t *phys_out,
		    unsigned *flags_out);
void pmap_activate(struct address_space *space); /* NULL: the kernel's tables */
/* Unmaps the user pages of [start, end) (page-aligned); on return no CPU can
 * reach them through a stale TLB entry. Returns the pages unmapped. */
uint64_t pmap_remove(struct address_space *space, uint64_t start, uint64_t end);
/* Restricts the mappings of [start, end) to flags (PMAP_USER implied); flags
 * without PMAP_WRITE makes them read-only. */
void pmap_protect(struct address_space *space, uint64_t start, uint64_t end, unsigned flags);
/* Restricts every mapping of the frame at phys to flags; 0 unmaps it everywhere. */
void pmap_page_protect(uint64_t phys, unsigned flags);
/* Unmaps the frame at phys everywhere, flushing only this CPU's TLB: other CPUs
 * may still reach it until pmap_tlb_shootdown_others (one shoot-down for a
 * batch of pages). True if it was mapped anywhere. */
bool pmap_page_remove_unflushed(uint64_t phys);
/* Every other CPU flushes its TLB; returns once all have. */
void pmap_tlb_shootdown_others(void);
/* Whether any mapping of the frame at phys was used since the last call (the
 * entries' accessed bits, cleared here). No TLB flush: a translation still
 * cached may hide later uses, which costs at most a fault. */
bool pmap_page_test_and_clear_referenced(uint64_t phys);
/* Copies size bytes (within one page) between buffer and the user address,
 * holding the tables' lock so the frame stays mapped meanwhile. False, copying
 * nothing, unless the page is mapped for user access (and writable, to_user). */
bool pmap_copy_user(struct address_space *space, uint64_t address, void *buffer, size_t size,
		    bool to_user);
/* Does the flush other CPUs asked of this one, if any: the VECTOR_TLB_FLUSH
 * handler, also called by code spinning with interrupts disabled. */
void pmap_tlb_flush_serve(void);

#endif
