/* Order statistics of the null-RPC benchmark's per-call cycle counts (bench_rpc_client):
 * the median, minimum and 90th percentile, found by selection, not a full sort. */
#ifndef WB_BENCH_RPC_STATS_H
#define WB_BENCH_RPC_STATS_H

#include <stdint.h>

struct cycle_summary {
	uint32_t minimum;
	uint32_t median; /* the element of rank count / 2 */
	uint32_t p90;    /* the element of rank count * 9 / 10 */
};

/* Summarizes cycles[0..count), count >= 1; reorders the array. */
struct cycle_summary summarize_cycles(uint32_t *cycles, unsigned count);

#endif
