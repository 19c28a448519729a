/* Threads that spin and note their CPU (see cpu_spread.h); the caller waits for
 * them through a shared counter, yielding with swtch while it waits. A thread
 * spins on past its count (up to 16 times it) until every CPU has been seen, so
 * a loaded host that starts the threads late does not make the spread fail. */
#include "cpu_spread.h"
#include "rt/rt.h"

#define MAX_THREADS 8
#define STACK_SIZE 16384

static uint8_t stacks[MAX_THREADS][STACK_SIZE] __attribute__((aligned(16)));
static volatile uint64_t seen_cpus;
static volatile unsigned finished;
static uint64_t spin_count, all_cpus;

static void spinner(uint64_t index)
{
	uint64_t mask = 0;
	for (uint64_t i = 0; i < 16 * spin_count; i++) {
		if ((i & 1023) != 0)
			continue;
		mask |= 1ull << wb_cpu_number();
		uint64_t seen = __atomic_or_fetch(&seen_cpus, mask, __ATOMIC_SEQ_CST);
		if (i >= spin_count && seen == all_cpus)
			break;
	}
	print("thread %lu ran on cpu mask 0x%lx\n", (unsigned long)index, (unsigned long)mask);
	__atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

uint64_t cpu_spread_run(unsigned thread_count, uint64_t spins)
{
	if (thread_count > MAX_THREADS)
		thread_count = MAX_THREADS;
	spin_count = spins;
	long cpus = wb_cpu_count();
	all_cpus = cpus >= 64 ? ~0ull : (1ull << cpus) - 1;
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
