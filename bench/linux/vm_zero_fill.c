/* Linux baseline of the zero-fill benchmark (bench/vm.sh): mmap of 32 MiB, private and
 * anonymous, plus a write to every 4 KiB page, timed together, in TSC cycles per page. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "vm_baseline.h"

#define WORKLOAD      "vm-zero-fill"
#define REGION_SIZE   (32u << 20)
#define REGION_PAGES  (REGION_SIZE / VM_BASELINE_PAGE_SIZE)
#define WARMUP_ROUNDS 1
#define ROUNDS        9

/* One round: the cycles of mmap plus one write per page. */
static uint64_t run_round(void)
{
	uint64_t start = read_tsc();
	volatile uint8_t *bytes =
	    mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bytes == MAP_FAILED)
		vm_baseline_die(WORKLOAD, "mmap");
	/* A fault per 4 KiB page, as on Wildebeest, not one per 2 MiB. */
	if (madvise((void *)bytes, REGION_SIZE, MADV_NOHUGEPAGE) != 0)
		vm_baseline_die(WORKLOAD, "madvise");
	for (uint32_t page = 0; page < REGION_PAGES; page++)
		bytes[(uint64_t)page * VM_BASELINE_PAGE_SIZE] = (uint8_t)(page | 1);
	uint64_t cycles = read_tsc() - start;
	if (munmap((void *)bytes, REGION_SIZE) != 0)
		vm_baseline_die(WORKLOAD, "munmap");
	return cycles;
}

int main(void)
{
	uint64_t cycles[ROUNDS];

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (unsigned i = 0; i < WARMUP_ROUNDS; i++)
		run_round();
	for (unsigned i = 0; i < ROUNDS; i++)
		cycles[i] = run_round();
	struct vm_baseline_summary summary = vm_baseline_summarize(cycles, ROUNDS);
	printf("bench: linux %s median-cycles-per-page=%llu min-cycles-per-page=%llu "
	       "max-cycles-per-page=%llu pages=%u rounds=%u\n",
	       WORKLOAD, (unsigned long long)(summary.median / REGION_PAGES),
	       (unsigned long long)(summary.minimum / REGION_PAGES),
	       (unsigned long long)(summary.maximum / REGION_PAGES), REGION_PAGES, ROUNDS);
	return 0;
}
