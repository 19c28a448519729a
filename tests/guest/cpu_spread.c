/* Threads that spin and note their CPU (see cpu_spread.h); the caller waits for
 * them through a shared counter, yielding with swtch while it waits. */
#include "cpu_spread.h"
#include "rt/rt.h"

#define MAX_THREADS 8
#define STACK_SIZE 16384

static uint8_t stacks[MAX_THREADS][STACK_SIZE] __attribute__((aligned(16)));
static volatile uint64_t seen_cpus;
static volatile unsigned finished;
static uint64_t spin_count;

static void spinner(uint64_t index)
{
	uint64_t mask = 0;
	for (uint64_t i = 0; i < spin_count; i++) {
		if ((i & 1023) == 0)
			mask |= 1ull << wb_cpu_number();
	}
	mask |= 1ull << wb_cpu_number();
	__atomic_fetch_or(&seen_cpus, mask, __ATOMIC_SEQ_CST);
	print("thread %lu ran on cpu mask 0x%lx\n", (unsigned long)index, (unsigned long)mask);
	__atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

uint64_t cpu_spread_run(unsigned thread_count, uint64_t spins)
{
	if (thread_count > MAX_THREADS)
		thread_count = MAX_THREADS;
	spin_count = spins;
	seen_cpus = 0;
	finished = 0;
	unsigned started = 0;
	for (unsigned i = 0; i < thread_count; i++) {
		if (thread_spawn(spinner, i, stacks[i], STACK_SIZE) == KERN_SUCCESS)
			started++;
	}
	while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < started)
		swtch();
	return seen_cpus;
}
