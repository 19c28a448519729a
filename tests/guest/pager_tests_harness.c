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
