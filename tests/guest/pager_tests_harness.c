/* Pager suite, its own footing: a probe's access to unmapped memory comes back
 * as EXC_BAD_ACCESS and is skipped while the next access goes on, so that the
 * suite's "the access fails with an exception" assertions mean what they say. */
#include "pager_tests.h"
#include <mach/exception.h>

void pager_tests_harness(void)
{
	static volatile uint64_t ordinary = 0x0dd;
	struct probe probe = {0};
	probe_add_load(&probe, (volatile void *)0x1000);
	probe_add_load(&probe, &ordinary);
	bool finished = probe_run(&probe, 10000);
	check(finished && !probe.accesses[0].ok && probe.exceptions == 1 &&
	          probe.exception == EXC_BAD_ACCESS && probe.accesses[1].ok &&
	          probe.accesses[1].value == 0x0dd,
	      "harness: a faulting access is caught as EXC_BAD_ACCESS and skipped, the next one "
	      "runs (finished %d, %u exceptions)",
	      finished, probe.exceptions);
}

/* Many faults in a row: each exception's handler reads and sets the faulting
 * thread's registers while it waits for the answer; with 2 CPUs that thread
 * may still be on its way to sleep when thread_get_state holds it, which once
 * left the handler waiting for a stop that never came. */
#define HARNESS_FAULTS 2000
void pager_tests_harness_many(void)
{
	vm_address_t hole = 0;
	uint64_t bytes = HARNESS_FAULTS * PAGE;
	kern_return_t made = vm_allocate(mach_task_self(), &hole, bytes, TRUE);
	if (made == KERN_SUCCESS)
		made = vm_deallocate(mach_task_self(), hole, bytes);
	if (!check(made == KERN_SUCCESS, "harness: a hole of %u pages is made (0x%x)",
	           HARNESS_FAULTS, made))
		return;
	struct probe probe = {0};
	probe_set_zero_range(&probe, (const volatile void *)hole, bytes);
	probe.words_step = PAGE / 8;
	bool finished = probe_run(&probe, 60000);
	check(finished && probe.exceptions == HARNESS_FAULTS && probe.words_checked == 0,
	      "harness: %u faulting accesses in a row are each caught and skipped (finished %d, "
	      "%u exceptions)",
	      HARNESS_FAULTS, finished, probe.exceptions);
}
