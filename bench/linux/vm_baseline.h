/* What the Linux baselines of the VM benchmarks (bench/vm.sh, vm_*.c here) share: the TSC,
 * order statistics and failing with the reason; header-only, each workload is one program. */
#ifndef WB_BENCH_LINUX_VM_BASELINE_H
#define WB_BENCH_LINUX_VM_BASELINE_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VM_BASELINE_PAGE_SIZE 4096u

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

static inline void __attribute__((noreturn)) vm_baseline_die(const char *workload, const char *what)
{
	printf("bench: linux %s: %s: %s\n", workload, what, strerror(errno));
	exit(1);
}

static inline int vm_baseline_compare(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

struct vm_baseline_summary {
	uint64_t minimum, median, maximum;
};

/* Sorts samples[0..count), count >= 1, and returns its extremes and the sample of rank
 * count / 2 (as the Wildebeest side's bench_vm_summarize). */
static inline struct vm_baseline_summary vm_baseline_summarize(uint64_t *samples, unsigned count)
{
	qsort(samples, count, sizeof(samples[0]), vm_baseline_compare);
	return (struct vm_baseline_summary){samples[0], samples[count / 2], samples[count - 1]};
}

#endif
