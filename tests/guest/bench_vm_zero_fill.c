/* The zero-fill benchmark's only module (bench/vm.sh): times vm_allocate of 32 MiB plus a
 * write to every page, together, per page; prints "bench: vm zero-fill ..." with the parts. */
#include "rt/rt.h"
#include "bench_vm_common.h"

#define PROGRAM       "zero-fill"
#define REGION_SIZE   (32u << 20)
#define REGION_PAGES  (REGION_SIZE / BENCH_VM_PAGE_SIZE)
#define WARMUP_ROUNDS 1
#define ROUNDS        9

struct round_cycles {
	uint64_t allocate_and_touch[ROUNDS];
	uint64_t allocate[ROUNDS];
	uint64_t touch[ROUNDS];
	uint64_t deallocate[ROUNDS];
};

/* One round: allocate, write a byte per page, deallocate; the cycles of each step. */
static bool run_round(uint64_t *allocate, uint64_t *touch, uint64_t *deallocate)
{
	mach_port_t self = mach_task_self();
	vm_address_t region = 0;

	uint64_t start = read_tsc();
	kern_return_t allocated = vm_allocate(self, &region, REGION_SIZE, TRUE);
	uint64_t allocated_at = read_tsc();
	if (!bench_vm_succeeded(PROGRAM, allocated, "vm_allocate of 32 MiB"))
		return false;
	volatile uint8_t *bytes = (volatile uint8_t *)region;
	for (uint32_t page = 0; page < REGION_PAGES; page++)
		bytes[(uint64_t)page * BENCH_VM_PAGE_SIZE] = (uint8_t)(page | 1);
	uint64_t touched_at = read_tsc();
	kern_return_t released = vm_deallocate(self, region, REGION_SIZE);
	uint64_t released_at = read_tsc();
	if (!bench_vm_succeeded(PROGRAM, released, "vm_deallocate"))
		return false;
	*allocate = allocated_at - start;
	*touch = touched_at - allocated_at;
	*deallocate = released_at - touched_at;
	return true;
}

/* The median of cycles[0..ROUNDS) per page. */
static uint64_t median_per_page(uint64_t *cycles)
{
	return bench_vm_summarize(cycles, ROUNDS).median / REGION_PAGES;
}

int main(void)
{
	static struct round_cycles rounds;
	uint64_t allocate, touch, deallocate;

	for (unsigned i = 0; i < WARMUP_ROUNDS; i++) {
		if (!run_round(&allocate, &touch, &deallocate))
			return 1;
	}
	for (unsigned i = 0; i < ROUNDS; i++) {
		if (!run_round(&allocate, &touch, &deallocate))
			return 1;
		rounds.allocate_and_touch[i] = allocate + touch;
		rounds.allocate[i] = allocate;
		rounds.touch[i] = touch;
		rounds.deallocate[i] = deallocate;
	}
	struct bench_vm_summary total = bench_vm_summarize(rounds.allocate_and_touch, ROUNDS);
	print("bench: vm zero-fill median-cycles-per-page=%lu min-cycles-per-page=%lu "
	      "max-cycles-per-page=%lu allocate-cycles-per-page=%lu touch-cycles-per-page=%lu "
	      "deallocate-cycles-per-page=%lu pages=%u rounds=%u\n",
	      (unsigned long)(total.median / REGION_PAGES),
	      (unsigned long)(total.minimum / REGION_PAGES),
	      (unsigned long)(total.maximum / REGION_PAGES),
	      (unsigned long)median_per_page(rounds.allocate),
	      (unsigned long)median_per_page(rounds.touch),
	      (unsigned long)median_per_page(rounds.deallocate), REGION_PAGES, ROUNDS);
	return 0;
}
