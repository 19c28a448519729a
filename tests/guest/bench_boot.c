/* Benchmark module: the first user task reads the TSC at once and prints it,
 * so the host can compute boot-to-first-task time; then powers off. */
#include "rt/rt.h"

int main(void)
{
	uint64_t now = read_tsc();
	print("bench: first-task tsc=%lu\n", (unsigned long)now);
	wb_power_off(0);
	return 0;
}
