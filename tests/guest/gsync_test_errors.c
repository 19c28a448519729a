/* gsync test: misaligned, unmapped and kernel addresses and ports that are
 * not task ports give errors; none of it troubles the kernel. */
#include "gsync_test.h"

static volatile uint64_t words[2];

void gsync_test_errors(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t at = (vm_address_t)&words[0];
	words[0] = 0;
	check(gsync_wait(self, at + 1, 0, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	          gsync_wait(self, at + 2, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "a misaligned word: KERN_INVALID_ADDRESS");
	check(gsync_wait(self, at + 4, 0, 0, 0, GSYNC_QUAD) == KERN_INVALID_ADDRESS,
	      "a GSYNC_QUAD word aligned to 4 only: KERN_INVALID_ADDRESS");
	check(gsync_wait(self, 0x1000, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "an unmapped user address: KERN_INVALID_ADDRESS");
	check(gsync_wait(self, 0xffff800000001000ul, 0, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	          gsync_wait(self, 0xffffffff80100000ul, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "kernel addresses (direct map, kernel image): KERN_INVALID_ADDRESS");
	check(gsync_wait(self, 0x0000900000000000ul, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "a non-canonical address: KERN_INVALID_ADDRESS");

	vm_address_t page = 0;
	bool allocated = vm_allocate(self, &page, 4096, TRUE) == KERN_SUCCESS;
	check(allocated && gsync_wait(self, page, 0, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "a word in vm_allocate'd memory (zero) can be waited on");
	check(allocated && vm_deallocate(self, page, 4096) == KERN_SUCCESS &&
	          gsync_wait(self, page, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "once deallocated: KERN_INVALID_ADDRESS");

	/* Simpleroutines: nothing comes back; the kernel must only survive them. */
	check(gsync_wake(self, 0x1000, 1, GSYNC_MUTATE | GSYNC_BROADCAST) == KERN_SUCCESS &&
	          gsync_wake(self, at + 1, 1, GSYNC_MUTATE) == KERN_SUCCESS &&
	          gsync_wake(self, 0xffff800000001000ul, 1, GSYNC_MUTATE) == KERN_SUCCESS &&
	          gsync_requeue(self, 0x1000, at, TRUE, GSYNC_BROADCAST) == KERN_SUCCESS &&
	          gsync_requeue(self, at, 0xffff800000001000ul, TRUE, 0) == KERN_SUCCESS &&
	          gsync_requeue(self, at, at + 2, FALSE, 0) == KERN_SUCCESS,
	      "gsync_wake and gsync_requeue on bad addresses are sent (no reply)");
	check(gsync_wait(self, at, 0, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT && words[0] == 0,
	      "after them gsync still works and nothing was stored");

	mach_port_t host = mach_host_self();
	check(gsync_wait(host, at, 0, 0, 0, 0) == KERN_INVALID_TASK,
	      "gsync_wait on the host port: KERN_INVALID_TASK");
	(void)mach_port_deallocate(self, host);
	mach_port_t thread = mach_thread_self();
	check(gsync_wait(thread, at, 0, 0, 0, 0) == KERN_INVALID_TASK,
	      "gsync_wait on a thread port: KERN_INVALID_TASK");
	(void)mach_port_deallocate(self, thread);
}
