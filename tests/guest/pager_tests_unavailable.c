/* Pager suite, data_unavailable: pages the pager declares unavailable read as
 * zeros and can be written like any memory. */
#include "pager_tests.h"

#define UNAVAILABLE_SIZE (64 * KIB)

void pager_tests_unavailable(void)
{
	struct pager pager;
	if (!pager_open(&pager, UNAVAILABLE_SIZE, 0xd4, false))
		return;
	pager.answer_request = pager_answer_unavailable;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {UNAVAILABLE_SIZE};
	kern_return_t mapped = pager_map(&pager, UNAVAILABLE_SIZE, 0, FALSE, &mappings[0]);
	if (check(mapped == KERN_SUCCESS, "unavailable: vm_map of a 64 KiB object succeeds (0x%x)",
	          mapped)) {
		struct probe probe = {0};
		probe_set_zero_range(&probe, (void *)mappings[0], UNAVAILABLE_SIZE);
		probe_add_store(&probe, pager_tests_word(mappings[0], 2 * PAGE + 8), 0x77);
		probe_add_load(&probe, pager_tests_word(mappings[0], 2 * PAGE + 8));
		bool finished = probe_run(&probe, 30000);
		check(
		    finished && pager.requests > 0 && !probe.exceptions && !probe.mismatches &&
		        probe.words_checked == UNAVAILABLE_SIZE / 8,
		    "unavailable: pages answered with data_unavailable read as zeros (%u requests, "
		    "%lu non-zero words, %u exceptions)",
		    pager.requests, (unsigned long)probe.mismatches, probe.exceptions);
		check(finished && probe.accesses[0].ok && probe.accesses[1].ok &&
		          probe.accesses[1].value == 0x77,
		      "unavailable: such a page can be written and read back (0x%lx)",
		      (unsigned long)probe.accesses[1].value);
	}
	pager_tests_unmap_all(&pager, "unavailable", mappings, sizes, 1);
	pager_close(&pager);
}
