/* Pager suite, partial answers: a pager that supplies only the first page of
 * each request still serves every page, because the kernel asks again for the
 * rest when it is touched. */
#include "pager_tests.h"

#define PARTIAL_SIZE  (256 * KIB)
#define PARTIAL_PAGES (PARTIAL_SIZE / PAGE)

void pager_tests_partial(void)
{
	struct pager pager;
	if (!pager_open(&pager, PARTIAL_SIZE, 0xa2, false))
		return;
	pager.answer_request = pager_answer_first_page;
	vm_address_t mapping = 0;
	kern_return_t mapped = pager_map(&pager, PARTIAL_SIZE, 0, FALSE, &mapping);
	if (!check(mapped == KERN_SUCCESS, "partial: vm_map of a 256 KiB object succeeds (0x%x)",
	           mapped)) {
		pager_close(&pager);
		return;
	}
	struct probe probe = {0};
	probe_set_pager_range(&probe, (void *)mapping, PARTIAL_SIZE, &pager, 0);
	bool finished = probe_run(&probe, 60000);
	check(finished && !probe.exceptions && !probe.mismatches &&
	          probe.words_checked == PARTIAL_SIZE / 8,
	      "partial: with one page supplied per request, all 64 pages read right (%lu wrong, %u "
	      "exceptions)",
	      (unsigned long)probe.mismatches, probe.exceptions);

	/* Each request was answered with its first page only, so every page must
	 * have been the first page of a request of its own. */
	unsigned starts[PARTIAL_PAGES] = {0};
	unsigned requests = 0, multi_page = 0, outside = 0;
	for (uint32_t i = 0; i < pager_event_total(&pager); i++) {
		const struct pager_event *event = pager_event_at(&pager, i);
		if (event->kind != PAGER_EVENT_REQUEST)
			continue;
		requests++;
		if (event->length > PAGE)
			multi_page++;
		if (event->offset % PAGE || event->offset >= PARTIAL_SIZE)
			outside++;
		else
			starts[event->offset / PAGE]++;
	}
	unsigned never = 0, again = 0;
	for (unsigned page = 0; page < PARTIAL_PAGES; page++) {
		if (!starts[page])
			never++;
		else if (starts[page] > 1)
			again++;
	}
	check(requests && !never && !outside,
	      "partial: what a partial answer left out was asked for again when touched: every "
	      "page began a request (%u requests, %u pages never, %u outside)",
	      requests, never, outside);
	check(!again, "partial: no page was asked for again once supplied (%u were)", again);
	print("# partial: %u of %u requests asked for more than one page\n", multi_page, requests);

	vm_address_t mappings[1] = {mapping};
	const uint64_t sizes[1] = {PARTIAL_SIZE};
	pager_tests_unmap_all(&pager, "partial", mappings, sizes, 1);
	pager_close(&pager);
}
