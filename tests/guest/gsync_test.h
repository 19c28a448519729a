/* The in-guest gsync test (gsync_test.c runs the parts in order): gnumach.defs'
 * gsync_wait/gsync_wake/gsync_requeue through libmach, with waiter threads of
 * the guest runtime; each part prints one TAP line per assertion. */
#ifndef WB_GUEST_GSYNC_TEST_H
#define WB_GUEST_GSYNC_TEST_H

#include "ipc_common.h"
#include <wildebeest/gsync.h>

/* A thread blocked in gsync_wait(task, address, low, high, msec, flags). */
struct gsync_waiter {
	mach_port_t task;
	vm_address_t address;
	unsigned low, high;
	natural_t msec;
	int flags;
	volatile mach_port_t thread; /* its thread port, ours to deallocate */
	volatile kern_return_t result;
	volatile bool done;
};

/* Sleeps ms milliseconds (a receive that times out). */
/* Milliseconds on the host's clock (host_get_time). */
uint64_t gsync_clock_ms(void);
/* Starts a runtime thread, waiting for a free stack if all are in use. */
kern_return_t gsync_thread_start(void (*function)(uint64_t), uint64_t argument);
/* Starts a waiter thread and returns once thread_info shows it asleep in the
 * kernel; false if it did not start or returned at once. */
bool gsync_start_waiter(struct gsync_waiter *waiter, mach_port_t task, vm_address_t address,
                        unsigned low, int flags);
/* The same with a timeout of msec for GSYNC_TIMED. */
bool gsync_start_timed_waiter(struct gsync_waiter *waiter, mach_port_t task, vm_address_t address,
                              unsigned low, int flags, natural_t msec);
/* Waits (at most 2 s) for `expected` of the waiters to return, then 100 ms
 * more for any beyond (a wrong wake shows within that); returns how many
 * returned. */
unsigned gsync_done_after_settling(struct gsync_waiter *waiters, unsigned count, unsigned expected);
/* Waits for every waiter to return (at most 5 s) and releases their thread
 * ports; false if one never returned. */
bool gsync_finish_waiters(struct gsync_waiter *waiters, unsigned count);
/* True if thread_info shows the thread asleep in the kernel, within 2 s. */
bool gsync_wait_until_asleep(mach_port_t thread);

void gsync_test_values(void);
void gsync_test_errors(void);
void gsync_test_wake(void);
void gsync_test_requeue(void);
void gsync_test_abort(void);
void gsync_test_mutex(void);
/* Another task's memory through its task port (task_create + vm_allocate). */
void gsync_test_task_port(void);

#endif
