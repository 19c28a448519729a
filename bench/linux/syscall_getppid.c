/* Linux baseline of the emulated-null-syscall benchmark: getppid through the
 * syscall instruction in a loop, timed with rdtsc in batches; prints the median
 * batch's cycles per call as "bench: syscall getppid median-cycles=N". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>

#define BATCHES         21
#define CALLS_PER_BATCH 10000
#define WARMUP_CALLS    2000

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

static inline long raw_getppid(void)
{
	long result;

	__asm__ volatile("syscall"
	                 : "=a"(result)
	                 : "a"((long)SYS_getppid)
	                 : "rcx", "r11", "memory");
	return result;
}

static int compare_cycles(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	static uint64_t per_call[BATCHES];

	for (unsigned i = 0; i < WARMUP_CALLS; i++)
		if (raw_getppid() < 0)
			return 1;
	for (unsigned batch = 0; batch < BATCHES; batch++) {
		uint64_t start = read_tsc();
		for (unsigned i = 0; i < CALLS_PER_BATCH; i++)
			raw_getppid();
		per_call[batch] = (read_tsc() - start) / CALLS_PER_BATCH;
	}
	qsort(per_call, BATCHES, sizeof(per_call[0]), compare_cycles);
	printf("bench: syscall getppid median-cycles=%llu min-cycles=%llu\n",
	       (unsigned long long)per_call[BATCHES / 2], (unsigned long long)per_call[0]);
	return 0;
}
