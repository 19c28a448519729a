/* Module for the fault system test: keeps computing while other tasks fault,
 * then checks its result, to show the kernel kept running it. */
#include "rt/rt.h"

int main(void)
{
	uint64_t sum = 0;
	for (uint64_t round = 0; round < 200; round++) {
		for (uint64_t i = 0; i < 200000; i++)
			sum += i ^ round;
		if (round % 50 == 0)
			swtch();
	}
	uint64_t expected = 0;
	for (uint64_t round = 0; round < 200; round++) {
		for (uint64_t i = 0; i < 200000; i++)
			expected += i ^ round;
	}
	print("busy_worker: finished on cpu %ld, sum %lu\n", wb_cpu_number(), (unsigned long)sum);
	return sum == expected ? 0 : 1;
}
