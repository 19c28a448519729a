/* Pager suite, basic: a 1 MiB object read through vm_map gives the pager's data;
 * the kernel sent init once, asked for page-aligned runs (several pages at once)
 * that cover exactly what was read, and a second mapping reuses resident pages. */
#include "pager_tests.h"
#include "ipc_common.h"

#define BASIC_SIZE  (1 * MIB)
#define BASIC_PAGES (BASIC_SIZE / PAGE)
#define SECOND_AT   (64 * KIB)
#define SECOND_SIZE (64 * KIB)

/* What the kernel asked for, summed up from the pager's log. */
struct request_summary {
	unsigned requests, misaligned, outside, without_read, missing, twice;
	uint64_t largest;
};

static struct request_summary summarize_requests(const struct pager *pager)
{
	struct request_summary summary = {0};
	for (uint32_t i = 0; i < pager_event_total(pager); i++) {
		const struct pager_event *event = pager_event_at(pager, i);
		if (event->kind != PAGER_EVENT_REQUEST)
			continue;
		summary.requests++;
		if (event->offset % PAGE || event->length % PAGE || !event->length)
			summary.misaligned++;
		if (event->offset + event->length > BASIC_SIZE)
			summary.outside++;
		if (!(event->access & VM_PROT_READ))
			summary.without_read++;
		if (event->length > summary.largest)
			summary.largest = event->length;
	}
	for (uint64_t page = 0; page < BASIC_PAGES; page++) {
		if (!pager->page_requests[page])
			summary.missing++;
		else if (pager->page_requests[page] > 1)
			summary.twice++;
	}
	return summary;
}

static void check_init(struct pager *pager)
{
	check(pager_wait_until(pager->inits >= 1, 5000) && pager_event_at(pager, 0) &&
	          pager_event_at(pager, 0)->kind == PAGER_EVENT_INIT,
	      "basic: the pager receives memory_object_init, before any other message");
	const struct pager_event *init = pager_find(pager, PAGER_EVENT_INIT, 0);
	check(init && init->value == PAGE, "basic: init gives the page size, 4096 (%lu)",
	      init ? (unsigned long)init->value : 0ul);
	check(init && (ipc_type_of(pager->control) & MACH_PORT_TYPE_SEND) &&
	          (ipc_type_of(pager->name) & MACH_PORT_TYPE_SEND),
	      "basic: init brings send rights to a control port and a name port");
	boolean_t ready = FALSE, may_cache = TRUE;
	memory_object_copy_strategy_t strategy = -1;
	kern_return_t result =
	    memory_object_get_attributes(pager->control, &ready, &may_cache, &strategy);
	check(result == KERN_SUCCESS && ready && !may_cache && strategy == MEMORY_OBJECT_COPY_DELAY,
	      "basic: memory_object_get_attributes reports what memory_object_ready said: "
	      "ready, not cached, copy delay (0x%x: %d %d %d)",
	      result, ready, may_cache, strategy);
}

static void check_second_mapping(struct pager *pager, vm_address_t *second)
{
	uint32_t requests_before = pager->requests;
	kern_return_t mapped = pager_map(pager, SECOND_SIZE, SECOND_AT, FALSE, second);
	if (!check(mapped == KERN_SUCCESS,
	           "basic: a second vm_map of the object at offset 64 KiB succeeds (0x%x)", mapped))
		return;
	struct probe probe = {0};
	probe_set_pager_range(&probe, (void *)*second, SECOND_SIZE, pager, SECOND_AT);
	bool finished = probe_run(&probe, 20000);
	check(finished && !probe.exceptions && !probe.mismatches &&
	          probe.words_checked == SECOND_SIZE / 8,
	      "basic: it shows the object's data from offset 64 KiB on (%lu wrong, %u exceptions)",
	      (unsigned long)probe.mismatches, probe.exceptions);
	check(pager->inits == 1 && pager->requests == requests_before,
	      "basic: its pages are the resident ones: no new init, no new data_request (%u inits, "
	      "%u new requests)",
	      pager->inits, pager->requests - requests_before);
}

void pager_tests_basic(void)
{
	struct pager pager;
	if (!pager_open(&pager, BASIC_SIZE, 0xb1, false))
		return;
	vm_address_t mappings[2] = {0, 0};
	const uint64_t sizes[2] = {BASIC_SIZE, SECOND_SIZE};
	kern_return_t mapped = pager_map(&pager, BASIC_SIZE, 0, FALSE, &mappings[0]);
	if (!check(mapped == KERN_SUCCESS && mappings[0],
	           "basic: vm_map of a 1 MiB memory object served by a pager succeeds (0x%x)",
	           mapped)) {
		pager_close(&pager);
		return;
	}
	struct probe probe = {0};
	probe_set_pager_range(&probe, (void *)mappings[0], BASIC_SIZE, &pager, 0);
	bool finished = probe_run(&probe, 60000);
	check(finished && !probe.exceptions,
	      "basic: reading all 256 pages raises no exception (%u; finished %d)",
	      probe.exceptions, finished);
	check(finished && !probe.mismatches && probe.words_checked == BASIC_SIZE / 8,
	      "basic: every 64-bit word read is the pager's (%lu read, %lu wrong, first at 0x%lx: "
	      "0x%lx)",
	      (unsigned long)probe.words_checked, (unsigned long)probe.mismatches,
	      (unsigned long)probe.first_mismatch_offset,
	      (unsigned long)probe.first_mismatch_value);
	check_init(&pager);
	check(pager.inits == 1, "basic: memory_object_init came once (%u)", pager.inits);

	struct request_summary summary = summarize_requests(&pager);
	check(summary.requests && !summary.misaligned,
	      "basic: every data_request is page-aligned and whole pages (%u of %u not)",
	      summary.misaligned, summary.requests);
	check(!summary.outside, "basic: no data_request goes beyond the mapped 1 MiB (%u did)",
	      summary.outside);
	check(summary.requests && !summary.without_read,
	      "basic: reads ask for read access (%u requests without VM_PROT_READ)",
	      summary.without_read);
	check(summary.requests && !summary.missing && !summary.twice,
	      "basic: the requests cover exactly the 256 pages read, each once (%u missing, %u "
	      "asked again)",
	      summary.missing, summary.twice);
	check(summary.largest > PAGE,
	      "basic: the kernel asks for several pages in one request (largest %lu pages, %u "
	      "requests)",
	      (unsigned long)(summary.largest / PAGE), summary.requests);

	check_second_mapping(&pager, &mappings[1]);
	pager_tests_unmap_all(&pager, "basic", mappings, sizes, 2);
	pager_close(&pager);
}
