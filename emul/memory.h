/* Shared by the memory handlers (memory.c, memory_remap.c): page arithmetic,
 * the emulator's own range, and anonymous mappings through vm_map. */
#ifndef EMUL_MEMORY_H
#define EMUL_MEMORY_H

#include <mach.h>
#include <stdint.h>
#include "linux_abi.h"

static inline uint64_t page_round_up(uint64_t value)
{
	return (value + LINUX_PAGE_SIZE - 1) & ~(LINUX_PAGE_SIZE - 1);
}

static inline int page_aligned(uint64_t value)
{
	return (value & (LINUX_PAGE_SIZE - 1)) == 0;
}

/* True if [address, address + length) is a user range that spares the
 * emulator's image (a program may not unmap or remap the emulator). */
int emul_range_allowed(uint64_t address, uint64_t length);

/* Maps zero-filled memory: at *address exactly (anywhere 0) or the first free
 * range from *address up (anywhere 1). Linux protection bits equal Mach's. */
kern_return_t emul_map_anonymous(uint64_t *address, uint64_t length, int anywhere, int protection,
                                 vm_inherit_t inheritance);

/* The protection and inheritance of the mapping holding address; 0 if none. */
int emul_region_at(uint64_t address, uint64_t *end, vm_prot_t *protection,
                   vm_inherit_t *inheritance);

#endif
