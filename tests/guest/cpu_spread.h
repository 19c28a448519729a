/* Shared by the hello test programs: run several threads that spin for a while
 * and record every CPU they were seen on, to show threads run on all CPUs. */
#ifndef WB_GUEST_CPU_SPREAD_H
#define WB_GUEST_CPU_SPREAD_H

#include <stdint.h>

/* Runs thread_count threads (at most 8) for about `spins` iterations each;
 * returns the bitmask of CPUs any of them ran on. */
uint64_t cpu_spread_run(unsigned thread_count, uint64_t spins);

#endif
