/* The runtime of the freestanding in-guest test programs: formatted output
 * through mach_print, TAP-style check lines for the host harness, threads. */
#ifndef WB_GUEST_RT_H
#define WB_GUEST_RT_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/mach_traps.h>
#include "lib/format.h"
#include "lib/kstring.h"

void print(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* One check for the host harness: a line "tap: ok - ..." or "tap: not ok - ...". */
bool check(bool passed, const char *format, ...) __attribute__((format(printf, 2, 3)));
unsigned checks_failed(void);

/* Starts fn(argument) on a new thread of this task, on stack[0..size). */
kern_return_t thread_spawn(void (*fn)(uint64_t), uint64_t argument, void *stack, uint64_t size);

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

#endif
