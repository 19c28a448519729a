/* Prints the host's time-stamp counter, so benchmarks can tell whether a guest's TSC
 * counts from the guest's reset or is the host's own counter (some nested KVMs). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	printf("%llu\n", ((unsigned long long)high << 32) | low);
	return 0;
}
