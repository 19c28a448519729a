/* Pager suite, a pager that never answers: the faulting thread's access fails
 * with EXC_BAD_ACCESS after the kernel's pager timeout (pager-timeout=1500 on
 * the test boot's command line) while the task's other threads and other tasks
 * keep running; a late answer does no harm and the next access works. */
#include "pager_tests.h"
#include "ipc_common.h"
#include <mach/exception.h>

#define TIMEOUT_SIZE     (64 * KIB)
#define PAGER_TIMEOUT_MS 1500 /* what tests/system/pager.t boots with */
#define EARLIEST_MS      (PAGER_TIMEOUT_MS - 300)
#define LATEST_MS        (PAGER_TIMEOUT_MS * 4)

static void never_answered(struct pager *pager, vm_address_t base)
{
	struct counter counter;
	if (!counter_start(&counter))
		return;
	struct pager_child child;
	bool child_started = pager_child_start(&child);
	struct probe probe = {0};
	probe_add_load(&probe, pager_tests_word(base, 0));
	bool started = probe_start(&probe);
	check(started && pager_wait_until(pager->requests >= 1, 5000),
	      "timeout: the pager receives the data_request and keeps quiet");
	if (child_started)
		check(ipc_child_ping(child.port) == KERN_SUCCESS,
		      "timeout: another task answers a ping while the fault waits");
	uint64_t count_before = counter.count;
	bool finished = started && probe_finish(&probe, 20000);
	uint64_t counted = counter.count - count_before;
	counter_stop(&counter);
	uint64_t waited = probe.first_exception_ms - probe.started_ms;
	check(
	    finished && !probe.accesses[0].ok && probe.exception == EXC_BAD_ACCESS,
	    "timeout: the access fails with EXC_BAD_ACCESS (exception %d, code 0x%x, finished %d)",
	    probe.exception, probe.code, finished);
	check(probe.exceptions && waited >= EARLIEST_MS && waited <= LATEST_MS,
	      "timeout: after about the kernel's pager timeout of %u ms (%lu ms)", PAGER_TIMEOUT_MS,
	      (unsigned long)waited);
	check(counted > 0, "timeout: another thread of the task kept counting meanwhile (%lu)",
	      (unsigned long)counted);
	if (child_started) {
		int status = -1;
		bool ended = pager_child_end(&child, &status);
		check(ended && status == 0, "timeout: the helper task ends (%d)", status);
	}
}

static void answered_late(struct pager *pager, vm_address_t base)
{
	const struct pager_event *request = pager_find(pager, PAGER_EVENT_REQUEST, 0);
	if (!request)
		return;
	/* The kernel gave up on this request; the data arrives now anyway. */
	kern_return_t late = pager_supply(pager, request->offset, request->length);
	pager->answer_request = pager_answer_supply;
	struct probe probe = {0};
	probe_add_load(&probe, pager_tests_word(base, 0));
	probe_add_load(&probe, pager_tests_word(base, PAGE + 8));
	bool finished = probe_run(&probe, 20000);
	check(late == KERN_SUCCESS && finished && probe.accesses[0].ok && probe.accesses[1].ok &&
	          probe.accesses[0].value == pager_word(pager, 0) &&
	          probe.accesses[1].value == pager_word(pager, PAGE + 8),
	      "timeout: after a late data_supply for the abandoned request, the next accesses "
	      "read the pager's data (0x%x)",
	      late);
}

void pager_tests_timeout(void)
{
	struct pager pager;
	if (!pager_open(&pager, TIMEOUT_SIZE, 0x71, false))
		return;
	pager.answer_request = pager_answer_silent;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {TIMEOUT_SIZE};
	kern_return_t mapped = pager_map(&pager, TIMEOUT_SIZE, 0, FALSE, &mappings[0]);
	if (check(mapped == KERN_SUCCESS, "timeout: vm_map of a 64 KiB object succeeds (0x%x)",
	          mapped)) {
		never_answered(&pager, mappings[0]);
		answered_late(&pager, mappings[0]);
	}
	pager.answer_request = pager_answer_supply;
	pager_tests_unmap_all(&pager, "timeout", mappings, sizes, 1);
	pager_close(&pager);
}
