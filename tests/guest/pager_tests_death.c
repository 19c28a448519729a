/* Pager suite, a pager that dies: the helper task serves an object and sits on
 * a data_request; when we task_terminate it, the thread waiting for the page
 * gets EXC_BAD_ACCESS at once (not after the pager timeout), later accesses fail
 * at once too, and everything can be cleaned up. */
#include "pager_tests.h"
#include <mach/exception.h>

#define DEATH_SIZE (64 * KIB)
#define PROMPT_MS  1000 /* well below the test boot's pager timeout of 1500 ms */

/* Waits for the child's PAGER_CHILD_REQUEST_SEEN on notify. */
static bool request_seen(mach_port_t notify)
{
	union {
		mach_msg_header_t header;
		uint8_t bytes[256];
	} message;
	mach_msg_return_t result = mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	                                    sizeof(message), notify, 5000, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return false;
	bool seen = message.header.msgh_id == PAGER_CHILD_REQUEST_SEEN;
	mach_msg_destroy(&message.header);
	return seen;
}

static void kill_the_pager(struct pager_child *child, mach_port_t notify, vm_address_t base)
{
	struct probe probe = {0};
	probe_add_load(&probe, pager_tests_word(base, 0));
	probe_add_load(&probe, pager_tests_word(base, 8 * PAGE));
	bool started = probe_start(&probe);
	check(started && request_seen(notify),
	      "death: the pager task received the data_request (and will not answer)");
	uint64_t killed_ms = pager_now_ms();
	kern_return_t terminated = task_terminate(child->task);
	check(terminated == KERN_SUCCESS, "death: task_terminate of the pager task succeeds (0x%x)",
	      terminated);
	bool finished = started && probe_finish(&probe, 20000);
	struct probe_access *waiting = &probe.accesses[0], *later = &probe.accesses[1];
	check(finished && !waiting->ok && probe.exception == EXC_BAD_ACCESS,
	      "death: the waiting access fails with EXC_BAD_ACCESS (exception %d, code 0x%x)",
	      probe.exception, probe.code);
	uint64_t after = waiting->done_ms - killed_ms;
	check(finished && !waiting->ok && after < PROMPT_MS,
	      "death: promptly, not after the pager timeout (%lu ms after the pager died)",
	      (unsigned long)after);
	uint64_t later_ms = later->done_ms - waiting->done_ms;
	check(finished && !later->ok && probe.exceptions == 2 && later_ms < PROMPT_MS,
	      "death: a later access to another page of the object fails at once too (%lu ms)",
	      (unsigned long)later_ms);
}

void pager_tests_death(void)
{
	struct pager_child child;
	if (!pager_child_start(&child))
		return;
	mach_port_t self = mach_task_self();
	mach_port_t notify = MACH_PORT_NULL, object = MACH_PORT_NULL;
	(void)mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &notify);
	kern_return_t served = pager_child_serve(&child, notify, DEATH_SIZE, &object);
	vm_address_t base = 0;
	kern_return_t mapped = KERN_FAILURE;
	if (check(served == KERN_SUCCESS, "death: the helper task becomes a pager (0x%x)",
	          served)) {
		mapped = vm_map(self, &base, DEATH_SIZE, 0, TRUE, object, 0, FALSE,
		                VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_NONE);
		check(mapped == KERN_SUCCESS, "death: vm_map of its object succeeds (0x%x)",
		      mapped);
	}
	if (mapped == KERN_SUCCESS) {
		kill_the_pager(&child, notify, base);
		kern_return_t unmapped = vm_deallocate(self, base, DEATH_SIZE);
		check(unmapped == KERN_SUCCESS,
		      "death: the dead pager's mapping is unmapped (0x%x)", unmapped);
	}
	int status = -1;
	bool waited = pager_child_end(&child, &status);
	check(waited, "death: the pager task can be waited for (status 0x%x)", status);
	if (MACH_PORT_VALID(object))
		(void)mach_port_deallocate(self, object);
	(void)mach_port_destroy(self, notify);
}
