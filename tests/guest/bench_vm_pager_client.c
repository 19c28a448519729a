/* Module 0 of the pager-read benchmark (bench/vm.sh): vm_maps module 1's memory object and
 * times sequential 64 KiB reads of it; says "unavailable" when the kernel cannot map it. */
#include "rt/rt.h"
#include "bench_vm_common.h"
#include "bench_vm_pattern.h"

#define PROGRAM     "pager-read"
#define OBJECT_SIZE (64ull << 20)
#define READ_SIZE   (64u << 10)
#define ROUNDS      5

static uint8_t read_buffer[READ_SIZE] __attribute__((aligned(BENCH_VM_PAGE_SIZE)));

/* Reads the mapping at `mapping` as a file reader would, checking each page read. */
static bool read_object(vm_address_t mapping)
{
	for (uint64_t offset = 0; offset < OBJECT_SIZE; offset += READ_SIZE) {
		bench_vm_copy(read_buffer, (const void *)(mapping + offset), READ_SIZE);
		for (uint32_t page = 0; page < READ_SIZE; page += BENCH_VM_PAGE_SIZE) {
			if (!bench_vm_pattern_holds(read_buffer + page, offset + page)) {
				print("bench: vm %s: wrong data at object offset 0x%lx\n", PROGRAM,
				      (unsigned long)(offset + page));
				return false;
			}
		}
	}
	return true;
}

/* Says why the kernel could not map the object, from its error, and ends the benchmark
 * without a figure (not a failure: the kernel has no memory objects yet). */
static int unavailable(kern_return_t result)
{
	const char *name = bench_vm_error_name(result);

	print("bench: vm %s unavailable: vm_map of the pager's memory object returned %s%s%d%s\n",
	      PROGRAM, name ? name : "", name ? " " : "", (int)result,
	      result == MIG_BAD_ID ? ", the kernel does not serve vm_map yet" : "");
	return 0;
}

int main(void)
{
	static uint64_t round_cycles[ROUNDS];
	mach_port_t self = mach_task_self(), object;

	if (!bench_vm_spawn_server(PROGRAM, 1, &object))
		return 1;
	for (unsigned round = 0; round < ROUNDS; round++) {
		vm_address_t mapping = 0;
		uint64_t start = read_tsc();
		kern_return_t mapped = vm_map(self, &mapping, OBJECT_SIZE, 0, TRUE, object, 0,
		                              FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE);
		if (mapped != KERN_SUCCESS && round == 0)
			return unavailable(mapped);
		if (!bench_vm_succeeded(PROGRAM, mapped, "vm_map") || !read_object(mapping))
			return 1;
		round_cycles[round] = read_tsc() - start;
		if (!bench_vm_succeeded(PROGRAM, vm_deallocate(self, mapping, OBJECT_SIZE),
		                        "vm_deallocate"))
			return 1;
	}
	struct bench_vm_summary summary = bench_vm_summarize(round_cycles, ROUNDS);
	print("bench: vm pager-read median-cycles=%lu min-cycles=%lu max-cycles=%lu bytes=%lu "
	      "read-size=%u rounds=%u\n",
	      (unsigned long)summary.median, (unsigned long)summary.minimum,
	      (unsigned long)summary.maximum, (unsigned long)OBJECT_SIZE, READ_SIZE, ROUNDS);
	return 0;
}
