/* Module 0 of the out-of-line benchmark (bench/vm.sh): times bench_ool_touch round trips
 * carrying 1 MiB out of line to module 1; prints "bench: vm ool-1mib median-cycles=N ...".
 * With --sweep, then sizes from 4 KiB to 1 MiB, the sender reading or rewriting its pages
 * before each call ("bench: vm ool-sweep ..."): the measurement behind the kernel's
 * threshold for virtual copies (boot with ool-copy-virtual or ool-copy-bytes to compare). */
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

#define SWEEP_CALLS 100

/* The sweep: median cycles of a round trip of size bytes, the sender first writing
 * (rewrite) or reading the first byte of each page it sends, inside the timing. */
static bool sweep_one(mach_port_t server, uint8_t *data, uint32_t size, bool rewrite)
{
	static uint64_t cycles[SWEEP_CALLS];
	for (unsigned i = 0; i < WARMUP_CALLS / 2 + SWEEP_CALLS; i++) {
		natural_t expected = 0, sum = 0;
		uint64_t start = read_tsc();
		for (uint32_t offset = 0; offset < size; offset += BENCH_VM_PAGE_SIZE) {
			if (rewrite)
				data[offset] = (uint8_t)(offset / BENCH_VM_PAGE_SIZE + i);
			expected += ((volatile uint8_t *)data)[offset];
		}
		kern_return_t result = bench_ool_touch(server, (vm_address_t)data, size, &sum);
		uint64_t spent = read_tsc() - start;
		if (!bench_vm_succeeded(PROGRAM, result, "bench_ool_touch") || sum != expected) {
			print("bench: vm %s: sweep size %u: sum %u, not %u\n", PROGRAM, size, sum,
			      expected);
			return false;
		}
		if (i >= WARMUP_CALLS / 2)
			cycles[i - WARMUP_CALLS / 2] = spent;
	}
	struct bench_vm_summary summary = bench_vm_summarize(cycles, SWEEP_CALLS);
	print("bench: vm ool-sweep sender=%s bytes=%u median-cycles=%lu min-cycles=%lu\n",
	      rewrite ? "rewrites" : "reads", size, (unsigned long)summary.median,
	      (unsigned long)summary.minimum);
	return true;
}

static bool wants_sweep(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *word = argv[i], *flag = "--sweep";
		while (*word && *word == *flag) {
			word++;
			flag++;
		}
		if (!*word && !*flag)
			return true;
	}
	return false;
}

int main(int argc, char **argv)
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
	if (wants_sweep(argc, argv)) {
		for (uint32_t size = 4096; size <= TRANSFER_SIZE; size *= 2) {
			if (!sweep_one(server, (uint8_t *)data, size, false) ||
			    !sweep_one(server, (uint8_t *)data, size, true))
				return 1;
		}
	}
	return 0;
}
