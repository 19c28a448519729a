/* Order statistics of the null-RPC benchmark's cycle counts (see bench_rpc_stats.h):
 * Hoare's selection, iterative, with a median-of-three pivot. */
#include "bench_rpc_stats.h"

static void swap_cycles(uint32_t *a, uint32_t *b)
{
	uint32_t kept = *a;
	*a = *b;
	*b = kept;
}

/* Reorders cycles[0..count) so that cycles[rank] is the element of that rank, everything
 * before it no larger and everything after it no smaller; returns it. */
static uint32_t select_rank(uint32_t *cycles, unsigned count, unsigned rank)
{
	unsigned low = 0, high = count - 1;

	while (low < high) {
		unsigned middle = low + (high - low) / 2;
		if (cycles[middle] < cycles[low])
			swap_cycles(&cycles[middle], &cycles[low]);
		if (cycles[high] < cycles[low])
			swap_cycles(&cycles[high], &cycles[low]);
		if (cycles[high] < cycles[middle])
			swap_cycles(&cycles[high], &cycles[middle]);
		uint32_t pivot = cycles[middle];
		unsigned left = low, right = high;
		while (left <= right) {
			while (cycles[left] < pivot)
				left++;
			while (cycles[right] > pivot)
				right--;
			if (left <= right) {
				swap_cycles(&cycles[left], &cycles[right]);
				left++;
				if (right == 0)
					break;
				right--;
			}
		}
		if (rank <= right)
			high = right;
		else if (rank >= left)
			low = left;
		else
			break; /* rank lies between the partitions: all equal to the pivot */
	}
	return cycles[rank];
}

struct cycle_summary summarize_cycles(uint32_t *cycles, unsigned count)
{
	struct cycle_summary summary;

	/* Higher ranks first: each selection leaves the lower part below its rank. */
	summary.p90 = select_rank(cycles, count, count * 9 / 10);
	summary.median = select_rank(cycles, count * 9 / 10 + 1, count / 2);
	summary.minimum = select_rank(cycles, count / 2 + 1, 0);
	return summary;
}
