/* Pager suite, memory_object_lock_request: a flush with RETURN_DIRTY brings the
 * written pages back (dirty, with their bytes) before lock_completed, and later
 * reads ask the pager again; a clean without flush keeps the kernel's copy; a
 * write lock makes a write ask memory_object_data_unlock first. */
#include "pager_tests.h"

#define LOCK_SIZE  (64 * KIB)
#define LOCK_PAGES (LOCK_SIZE / PAGE)
#define MARK_2     0x10c0000000000002ull /* page 2, word 0 */
#define MARK_5     0x10c0000000000005ull /* page 5, byte 80 */
#define MARK_7     0x10c0000000000007ull /* page 7, byte 24 */
#define MARK_9     0x10c0000000000009ull /* page 9, word 0 */

/* lock_request over the whole object, replies to the object port; true once
 * lock_completed arrived. */
static bool lock_whole(struct pager *pager, memory_object_return_t should_return, boolean_t flush,
                       vm_prot_t lock_value)
{
	uint32_t completions = pager->lock_completions;
	kern_return_t result = memory_object_lock_request(
	    pager->control, 0, LOCK_SIZE, should_return, flush, lock_value, pager->object);
	return result == KERN_SUCCESS &&
	       pager_wait_until(pager->lock_completions > completions, 5000);
}

static void flush_dirty(struct pager *pager, vm_address_t base)
{
	struct probe probe = {0};
	probe_set_pager_range(&probe, (void *)base, LOCK_SIZE, pager, 0);
	probe_add_store(&probe, pager_tests_word(base, 2 * PAGE), MARK_2);
	probe_add_store(&probe, pager_tests_word(base, 5 * PAGE + 80), MARK_5);
	bool ready = probe_run(&probe, 30000) && !probe.mismatches && probe.accesses[0].ok &&
	             probe.accesses[1].ok;
	if (!check(ready, "lock: the object is read and pages 2 and 5 written"))
		return;

	uint32_t from = pager_event_total(pager);
	bool completed = lock_whole(pager, MEMORY_OBJECT_RETURN_DIRTY, TRUE, VM_PROT_NO_CHANGE);
	check(completed, "lock: lock_request(RETURN_DIRTY, flush) is answered with "
	                 "memory_object_lock_completed to its reply port");
	const struct pager_event *done = pager_find(pager, PAGER_EVENT_LOCK_COMPLETED, from);
	check(done && done->offset == 0 && done->length == LOCK_SIZE,
	      "lock: lock_completed names the range asked for (0x%lx+0x%lx)",
	      done ? (unsigned long)done->offset : 0ul, done ? (unsigned long)done->length : 0ul);
	const struct pager_event *page2 = pager_find_return(pager, 2 * PAGE, from);
	const struct pager_event *page5 = pager_find_return(pager, 5 * PAGE, from);
	check(page2 && page5 && page2->dirty && page5->dirty,
	      "lock: memory_object_data_return brought both written pages back, dirty");
	check(page2 && page5 && done && page2->sequence < done->sequence &&
	          page5->sequence < done->sequence,
	      "lock: the data came back before lock_completed");
	check(pager_word(pager, 2 * PAGE) == MARK_2 && pager_word(pager, 5 * PAGE + 80) == MARK_5 &&
	          pager_word(pager, 2 * PAGE + 8) == pager_pattern(pager->seed, 2 * PAGE + 8),
	      "lock: the returned pages hold the written bytes and the rest of their data");
	unsigned clean_returned = 0;
	for (unsigned page = 0; page < LOCK_PAGES; page++)
		if (page != 2 && page != 5 && pager_find_return(pager, page * PAGE, from))
			clean_returned++;
	check(!clean_returned, "lock: no clean page was returned with RETURN_DIRTY (%u were)",
	      clean_returned);

	uint32_t after = pager_event_total(pager);
	struct probe reread = {0};
	probe_add_load(&reread, pager_tests_word(base, 8));
	probe_add_load(&reread, pager_tests_word(base, 2 * PAGE));
	bool read = probe_run(&reread, 20000);
	check(read && reread.accesses[0].ok && pager_find_request(pager, 0, after),
	      "lock: after the flush, reading page 0 asks the pager again");
	check(read && reread.accesses[1].ok && reread.accesses[1].value == MARK_2 &&
	          pager_find_request(pager, 2 * PAGE, after),
	      "lock: page 2 comes back from the pager with the written data (0x%lx)",
	      (unsigned long)reread.accesses[1].value);
}

static void clean_without_flush(struct pager *pager, vm_address_t base)
{
	struct probe probe = {0};
	probe_add_store(&probe, pager_tests_word(base, 7 * PAGE + 24), MARK_7);
	if (!check(probe_run(&probe, 20000) && probe.accesses[0].ok, "lock: page 7 is written"))
		return;
	uint32_t from = pager_event_total(pager);
	bool completed = lock_whole(pager, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NO_CHANGE);
	const struct pager_event *page7 = pager_find_return(pager, 7 * PAGE, from);
	check(completed && page7 && page7->dirty && page7->kernel_copy &&
	          pager_word(pager, 7 * PAGE + 24) == MARK_7,
	      "lock: a clean without flush returns the written page, dirty, with kernel_copy TRUE");
	uint32_t requests = pager->requests;
	struct probe reread = {0};
	probe_add_load(&reread, pager_tests_word(base, 7 * PAGE + 24));
	bool kept = probe_run(&reread, 20000) && reread.accesses[0].ok &&
	            reread.accesses[0].value == MARK_7 && pager->requests == requests;
	check(kept,
	      "lock: the kernel kept it: reading it again asks the pager nothing (%u requests)",
	      pager->requests - requests);
	from = pager_event_total(pager);
	completed = lock_whole(pager, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NO_CHANGE);
	check(completed && !pager_find(pager, PAGER_EVENT_RETURN, from),
	      "lock: a second clean with nothing written returns nothing");
}

static void write_lock_and_unlock(struct pager *pager, vm_address_t base)
{
	struct probe touch = {0};
	probe_add_load(&touch, pager_tests_word(base, 9 * PAGE));
	probe_add_load(&touch, pager_tests_word(base, 10 * PAGE));
	if (!check(probe_run(&touch, 20000) && touch.accesses[0].ok && touch.accesses[1].ok,
	           "lock: pages 9 and 10 are resident"))
		return;
	bool locked = lock_whole(pager, MEMORY_OBJECT_RETURN_NONE, FALSE, VM_PROT_WRITE);
	check(locked, "lock: lock_request(lock_value = VM_PROT_WRITE) completes");
	uint32_t from = pager_event_total(pager);
	struct probe probe = {0};
	probe_add_load(&probe, pager_tests_word(base, 10 * PAGE));
	probe_add_store(&probe, pager_tests_word(base, 9 * PAGE), MARK_9);
	probe_add_load(&probe, pager_tests_word(base, 9 * PAGE));
	bool finished = probe_run(&probe, 20000);
	const struct pager_event *unlock = pager_find(pager, PAGER_EVENT_UNLOCK, from);
	bool page9_unlocked = false, page10_unlocked = false;
	for (uint32_t i = from; i < pager_event_total(pager); i++) {
		const struct pager_event *event = pager_event_at(pager, i);
		if (event->kind != PAGER_EVENT_UNLOCK)
			continue;
		if (9 * PAGE >= event->offset && 9 * PAGE - event->offset < event->length)
			page9_unlocked = (event->access & VM_PROT_WRITE) != 0;
		if (10 * PAGE >= event->offset && 10 * PAGE - event->offset < event->length)
			page10_unlocked = true;
	}
	check(finished && probe.accesses[0].ok && !page10_unlocked,
	      "lock: reading a write-locked page needs no unlock");
	check(unlock && page9_unlocked,
	      "lock: writing it sends memory_object_data_unlock asking for write access");
	check(finished && probe.accesses[1].ok && probe.accesses[2].ok &&
	          probe.accesses[2].value == MARK_9,
	      "lock: once the pager unlocks it (lock_request, VM_PROT_NONE) the write completes");
}

void pager_tests_lock(void)
{
	struct pager pager;
	if (!pager_open(&pager, LOCK_SIZE, 0xf6, true))
		return;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {LOCK_SIZE};
	kern_return_t mapped = pager_map(&pager, LOCK_SIZE, 0, FALSE, &mappings[0]);
	if (check(mapped == KERN_SUCCESS, "lock: vm_map of a 64 KiB object succeeds (0x%x)",
	          mapped) &&
	    check(pager_wait_until(pager.control != MACH_PORT_NULL, 5000),
	          "lock: the pager has its control port")) {
		flush_dirty(&pager, mappings[0]);
		clean_without_flush(&pager, mappings[0]);
		write_lock_and_unlock(&pager, mappings[0]);
	}
	pager_tests_unmap_all(&pager, "lock", mappings, sizes, 1);
	pager_close(&pager);
}
