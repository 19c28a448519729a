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

/* Threads (rt_thread.c). Every thread of a guest program, main included, runs
 * on a runtime stack of RT_STACK_SIZE bytes (rt_stack.h) with its thread block,
 * and so libmach's per-thread reply port, at the stack's base. A thread made
 * some other way (thread_create + thread_set_state) must not call libmach.
 * rt_thread_start runs function(argument) on a new thread of this task; at most
 * 8 at a time (KERN_RESOURCE_SHORTAGE beyond), a stack is reused once its
 * thread has returned. */
kern_return_t rt_thread_start(void (*function)(uint64_t), uint64_t argument);
/* Older interface: as rt_thread_start; stack and size are no longer used (the
 * runtime's stacks must be aligned to their size). */
kern_return_t thread_spawn(void (*fn)(uint64_t), uint64_t argument, void *stack, uint64_t size);
/* True when the caller runs on one of the runtime's stacks. */
bool rt_on_runtime_stack(void);

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

#endif
