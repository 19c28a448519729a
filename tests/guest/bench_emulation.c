/* Benchmark module: the emulated null system call. The task installs a minimal
 * emulator entry (bench_emulation_entry.S) and times `syscall` -> entry -> back
 * in batches with rdtsc; prints the median batch's cycles per call as
 * "bench: emulated-null-syscall median-cycles=N", then ends (powering off). */
#include <mach.h>
#include "rt/rt.h"

#define BATCHES         21
#define CALLS_PER_BATCH 10000
#define WARMUP_CALLS    2000
#define NULL_SYSCALL    110 /* Linux getppid's number; the entry serves them all */

extern char bench_emulation_entry[];

static inline uint64_t emulated_call(void)
{
	uint64_t result;
	__asm__ volatile("syscall"
	                 : "=a"(result)
	                 : "a"((uint64_t)NULL_SYSCALL)
	                 : "rcx", "r11", "memory");
	return result;
}

static void sort(uint64_t *values, unsigned count)
{
	for (unsigned i = 1; i < count; i++)
		for (unsigned j = i; j > 0 && values[j - 1] > values[j]; j--) {
			uint64_t swap = values[j];
			values[j] = values[j - 1];
			values[j - 1] = swap;
		}
}

int main(void)
{
	static uint64_t per_call[BATCHES];
	kern_return_t result =
	    task_set_emulation(mach_task_self(), (vm_address_t)bench_emulation_entry, 0);
	if (result != KERN_SUCCESS) {
		print("bench: task_set_emulation failed (0x%x)\n", result);
		return 1;
	}
	for (unsigned i = 0; i < WARMUP_CALLS; i++)
		if (emulated_call() != 0) {
			print("bench: the emulator's answer is wrong\n");
			return 1;
		}
	for (unsigned batch = 0; batch < BATCHES; batch++) {
		uint64_t start = read_tsc();
		for (unsigned i = 0; i < CALLS_PER_BATCH; i++)
			emulated_call();
		per_call[batch] = (read_tsc() - start) / CALLS_PER_BATCH;
	}
	sort(per_call, BATCHES);
	print("bench: emulated-null-syscall median-cycles=%lu min-cycles=%lu\n",
	      (unsigned long)per_call[BATCHES / 2], (unsigned long)per_call[0]);
	return 0;
}
