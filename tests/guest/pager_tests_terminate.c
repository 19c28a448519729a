/* Pager suite, termination: memory_object_terminate reaches the pager when the
 * last mapping goes (not before), after the dirty and precious pages came back,
 * with the receive rights of the control and name ports; mapping the object
 * again starts over with a new init. */
#include "pager_tests.h"

#define TERMINATE_SIZE (64 * KIB)
#define PRECIOUS_SIZE  (16 * KIB)
#define MARK_1         0x7e70000000000001ull /* page 1, byte 16 */

static void last_mapping(struct pager *pager)
{
	vm_address_t first = 0, second = 0;
	kern_return_t mapped_first = pager_map(pager, TERMINATE_SIZE, 0, FALSE, &first);
	kern_return_t mapped_second = pager_map(pager, TERMINATE_SIZE, 0, FALSE, &second);
	if (!check(mapped_first == KERN_SUCCESS && mapped_second == KERN_SUCCESS,
	           "terminate: two vm_maps of a 64 KiB object succeed (0x%x 0x%x)", mapped_first,
	           mapped_second))
		return;
	struct probe probe = {0};
	probe_add_store(&probe, pager_tests_word(first, PAGE + 16), MARK_1);
	check(probe_run(&probe, 20000) && probe.accesses[0].ok, "terminate: page 1 is written");

	(void)vm_deallocate(mach_task_self(), second, TERMINATE_SIZE);
	pager_sleep_ms(300);
	check(pager->terminates == 0,
	      "terminate: unmapping one of two mappings does not terminate the object");
	(void)vm_deallocate(mach_task_self(), first, TERMINATE_SIZE);
	check(pager_wait_until(pager->terminates == 1, 5000),
	      "terminate: vm_deallocate of the last mapping sends memory_object_terminate");
	const struct pager_event *terminate = pager_find(pager, PAGER_EVENT_TERMINATE, 0);
	const struct pager_event *returned = pager_find_return(pager, PAGE, 0);
	check(terminate && returned && returned->dirty && returned->sequence < terminate->sequence,
	      "terminate: the written page was returned, dirty, before terminate");
	check(pager_word(pager, PAGE + 16) == MARK_1,
	      "terminate: the pager got the written bytes (0x%lx)",
	      (unsigned long)pager_word(pager, PAGE + 16));
	check(terminate && terminate->rights_received,
	      "terminate: it hands over the receive rights of the control and name ports");
	check(terminate && !pager_find(pager, PAGER_EVENT_REQUEST,
	                               (uint32_t)(terminate - pager->events) + 1),
	      "terminate: no data_request follows it");
}

static void mapped_again(struct pager *pager)
{
	const struct pager_event *first_init = pager_find(pager, PAGER_EVENT_INIT, 0);
	mach_port_t old_control = first_init ? first_init->control : MACH_PORT_NULL;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {TERMINATE_SIZE};
	kern_return_t mapped = pager_map(pager, TERMINATE_SIZE, 0, FALSE, &mappings[0]);
	check(mapped == KERN_SUCCESS && pager_wait_until(pager->inits == 2, 5000),
	      "terminate: mapping the object again sends a new memory_object_init (0x%x)", mapped);
	check(pager->inits == 2 && MACH_PORT_VALID(pager->control) && pager->control != old_control,
	      "terminate: with a new control port");
	if (mapped == KERN_SUCCESS) {
		struct probe probe = {0};
		probe_add_load(&probe, pager_tests_word(mappings[0], PAGE + 16));
		check(probe_run(&probe, 20000) && probe.accesses[0].ok &&
		          probe.accesses[0].value == MARK_1,
		      "terminate: the data returned before is served back through the new mapping");
	}
	pager_tests_unmap_all(pager, "terminate", mappings, sizes, 1);
}

/* Every page was read, none written: each must come back, with its data,
 * before terminate (the pager keeps returned pages in its store). */
static void check_precious_returned(const struct pager *pager)
{
	const struct pager_event *terminate = pager_find(pager, PAGER_EVENT_TERMINATE, 0);
	unsigned returned = 0;
	for (uint64_t page = 0; page < PRECIOUS_SIZE / PAGE; page++) {
		const struct pager_event *event = pager_find_return(pager, page * PAGE, 0);
		uint64_t word = page * PAGE + 8;
		if (event && terminate && event->sequence < terminate->sequence &&
		    pager->store_valid[page] &&
		    pager_word(pager, word) == pager_pattern(pager->seed, word))
			returned++;
	}
	check(returned == PRECIOUS_SIZE / PAGE,
	      "precious: every precious page, though clean, came back with its data before "
	      "terminate (%u of 4)",
	      returned);
}

static void precious_pages(void)
{
	struct pager pager;
	if (!pager_open(&pager, PRECIOUS_SIZE, 0x9e, true))
		return;
	pager.supply_precious = TRUE;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {PRECIOUS_SIZE};
	kern_return_t mapped = pager_map(&pager, PRECIOUS_SIZE, 0, FALSE, &mappings[0]);
	if (check(mapped == KERN_SUCCESS, "precious: vm_map of a 16 KiB object succeeds (0x%x)",
	          mapped)) {
		struct probe probe = {0};
		probe_set_pager_range(&probe, (void *)mappings[0], PRECIOUS_SIZE, &pager, 0);
		check(probe_run(&probe, 20000) && !probe.mismatches && !probe.exceptions,
		      "precious: pages supplied precious read correctly");
		if (pager_tests_unmap_all(&pager, "precious", mappings, sizes, 1))
			check_precious_returned(&pager);
	}
	pager_close(&pager);
}

void pager_tests_terminate(void)
{
	struct pager pager;
	if (!pager_open(&pager, TERMINATE_SIZE, 0x7e, true))
		return;
	last_mapping(&pager);
	if (pager.terminates == 1)
		mapped_again(&pager);
	pager_close(&pager);
	precious_pages();
}
