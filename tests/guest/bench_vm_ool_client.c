/* Module 0 of the out-of-line benchmark (bench/vm.sh): times bench_ool_touch round trips
 * carrying 1 MiB out of line to module 1; prints "bench: vm ool-1mib median-cycles=N ...". */
#include "rt/rt.h"
#include "bench_vm_common.h"
#include "bench_vm_ool.h"

#define PROGRAM        "ool"
#define TRANSFER_SIZE  (1u << 20)
#define TRANSFER_PAGES (TRANSFER_SIZE / BENCH_VM_PAGE_SIZE)
#define WARMUP_CALLS   10
#define CALLS          200

/* Fills the first byte of every page with a value the server's sum checks. */
static natural_t stamp_pages(uint8_t *data)
{
	natural_t sum = 0;

	for (uint32_t page = 0; page < TRANSFER_PAGES; page++) {
		uint8_t value = (uint8_t)(page * 7 + 1);
		data[(uint64_t)page * BENCH_VM_PAGE_SIZE] = value;
		sum += value;
	}
	return sum;
}

/* One round trip; false (with a line saying why) when it failed or the sum is wrong. */
static bool transfer(mach_port_t server, vm_address_t data, natural_t expected, uint64_t *cycles)
{
	natural_t sum = 0;
	uint64_t start = read_tsc();
	kern_return_t result = bench_ool_touch(server, data, TRANSFER_SIZE, &sum);
	*cycles = read_tsc() - start;

	if (!bench_vm_succeeded(PROGRAM, result, "bench_ool_touch"))
		return false;
	if (sum != expected) {
		print("bench: vm %s: the server read sum %u, not %u\n", PROGRAM, sum, expected);
		return false;
	}
	return true;
}

int main(void)
{
	static uint64_t call_cycles[CALLS];
	mach_port_t server;
	vm_address_t data = 0;
	uint64_t cycles;

	if (!bench_vm_spawn_server(PROGRAM, 1, &server) ||
	    !bench_vm_succeeded(PROGRAM, vm_allocate(mach_task_self(), &data, TRANSFER_SIZE, TRUE),
	                        "vm_allocate of 1 MiB"))
		return 1;
	natural_t expected = stamp_pages((uint8_t *)data);
	for (unsigned i = 0; i < WARMUP_CALLS; i++) {
		if (!transfer(server, data, expected, &cycles))
			return 1;
	}
	for (unsigned i = 0; i < CALLS; i++) {
		if (!transfer(server, data, expected, &call_cycles[i]))
			return 1;
	}
	struct bench_vm_summary summary = bench_vm_summarize(call_cycles, CALLS);
	print("bench: vm ool-1mib median-cycles=%lu min-cycles=%lu max-cycles=%lu bytes=%u "
	      "calls=%u\n",
	      (unsigned long)summary.median, (unsigned long)summary.minimum,
	      (unsigned long)summary.maximum, TRANSFER_SIZE, CALLS);
	return 0;
}
