/* The pattern of the pager-read benchmark's 64 MiB object (bench/vm.sh), which
 * bench/linux/vm_tmpfs_read.c also writes: marks at both ends of every page, zeros between. */
#ifndef WB_BENCH_VM_PATTERN_H
#define WB_BENCH_VM_PATTERN_H

#include <stdbool.h>
#include <stdint.h>

#define BENCH_VM_PATTERN_KEY       0x5742706167657221ull
#define BENCH_VM_PATTERN_PAGE_SIZE 4096u

/* Writes the marks of the page at object offset `offset` into page (otherwise zero). */
static inline void bench_vm_pattern_stamp(void *page, uint64_t offset)
{
	uint64_t *words = page;

	words[0] = offset ^ BENCH_VM_PATTERN_KEY;
	words[BENCH_VM_PATTERN_PAGE_SIZE / 8 - 1] = ~(offset ^ BENCH_VM_PATTERN_KEY);
}

/* Whether page holds the marks of object offset `offset`. */
static inline bool bench_vm_pattern_holds(const void *page, uint64_t offset)
{
	const uint64_t *words = page;

	return words[0] == (offset ^ BENCH_VM_PATTERN_KEY) &&
	       words[BENCH_VM_PATTERN_PAGE_SIZE / 8 - 1] == ~(offset ^ BENCH_VM_PATTERN_KEY);
}

#endif
