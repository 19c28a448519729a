/* Pager suite, data_error: a thread touching a page the pager answers with
 * memory_object_data_error gets EXC_BAD_ACCESS at that address, the pages
 * supplied beside it read correctly, and the rest of the task keeps running. */
#include "pager_tests.h"
#include <mach/exception.h>

#define ERROR_SIZE (64 * KIB)
#define ERROR_PAGE 3

/* Supplies every page of the request but ERROR_PAGE, which gets data_error. */
static void answer_with_error_page(struct pager *pager, uint64_t offset, uint64_t length,
                                   vm_prot_t access)
{
	(void)access;
	uint64_t bad = ERROR_PAGE * PAGE;
	if (bad < offset || bad >= offset + length) {
		(void)pager_supply(pager, offset, length);
		return;
	}
	(void)memory_object_data_error(pager->control, bad, PAGE, KERN_MEMORY_ERROR);
	if (bad > offset)
		(void)pager_supply(pager, offset, bad - offset);
	if (bad + PAGE < offset + length)
		(void)pager_supply(pager, bad + PAGE, offset + length - bad - PAGE);
}

void pager_tests_error(void)
{
	struct pager pager;
	if (!pager_open(&pager, ERROR_SIZE, 0xe5, false))
		return;
	pager.answer_request = answer_with_error_page;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {ERROR_SIZE};
	kern_return_t mapped = pager_map(&pager, ERROR_SIZE, 0, FALSE, &mappings[0]);
	struct counter counter;
	bool counting = false;
	if (check(mapped == KERN_SUCCESS, "error: vm_map of a 64 KiB object succeeds (0x%x)",
	          mapped) &&
	    (counting = counter_start(&counter))) {
		vm_address_t base = mappings[0];
		struct probe probe = {0};
		probe_add_load(&probe, pager_tests_word(base, (ERROR_PAGE - 1) * PAGE));
		probe_add_load(&probe, pager_tests_word(base, ERROR_PAGE * PAGE + 16));
		probe_add_load(&probe, pager_tests_word(base, (ERROR_PAGE + 1) * PAGE));
		probe_add_load(&probe, pager_tests_word(base, ERROR_PAGE * PAGE + 64));
		uint64_t count_before = counter.count;
		bool finished = probe_run(&probe, 30000);
		uint64_t counted = counter.count - count_before;
		struct probe_access *before = &probe.accesses[0], *bad = &probe.accesses[1],
		                    *after = &probe.accesses[2], *again = &probe.accesses[3];
		check(finished && !bad->ok && probe.exception == EXC_BAD_ACCESS,
		      "error: reading a page answered with data_error raises EXC_BAD_ACCESS in the "
		      "reading thread (exception %d, code 0x%x)",
		      probe.exception, probe.code);
		check(finished &&
		          (uint32_t)probe.subcode == (uint32_t)(base + ERROR_PAGE * PAGE + 16),
		      "error: the exception names the faulting address (0x%x)",
		      (uint32_t)probe.subcode);
		check(finished && before->ok &&
		          before->value == pager_word(&pager, (ERROR_PAGE - 1) * PAGE) &&
		          after->ok && after->value == pager_word(&pager, (ERROR_PAGE + 1) * PAGE),
		      "error: the pages supplied beside it read correctly");
		check(finished && !again->ok && probe.exceptions == 2,
		      "error: reading the bad page again fails again, never with made-up data (%u "
		      "exceptions)",
		      probe.exceptions);
		check(finished, "error: the faulting thread resumed after each exception: the task "
		                "was not killed");
		check(counted > 0,
		      "error: another thread of the task kept counting meanwhile (%lu)",
		      (unsigned long)counted);
	}
	if (counting)
		counter_stop(&counter);
	pager_tests_unmap_all(&pager, "error", mappings, sizes, 1);
	pager_close(&pager);
}
