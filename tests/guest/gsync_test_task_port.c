/* gsync test: another task's memory through its task port (an empty task from
 * task_create with a vm_allocate'd page): values, GSYNC_MUTATE, keys that are
 * the other task's, and a waiter on a task that ends. Sharing memory between
 * two tasks needs vm_map/vm_inherit (the VM issue): not tested yet. */
#include "gsync_test.h"

static void waiter_keys(mach_port_t self, mach_port_t child, vm_address_t page, int flags,
                        const char *what)
{
	static struct gsync_waiter waiter;
	check(gsync_start_waiter(&waiter, child, page, 42, flags),
	      "%s: a thread of ours waits on the other task's word", what);
	/* The same address in our own task: other memory, another key. */
	(void)gsync_wake(self, page, 0, GSYNC_BROADCAST | flags);
	check(gsync_done_after_settling(&waiter, 1, 0) == 0,
	      "%s: a wake at that address in our own task leaves it asleep", what);
	(void)gsync_wake(child, page, 0, flags);
	check(gsync_done_after_settling(&waiter, 1, 1) == 1 && waiter.result == KERN_SUCCESS,
	      "%s: a wake through the other task's port wakes it", what);
	(void)gsync_finish_waiters(&waiter, 1);
}

void gsync_test_task_port(void)
{
	mach_port_t self = mach_task_self(), child = MACH_PORT_NULL;
	vm_address_t page = 0;
	if (!check(task_create(self, FALSE, &child) == KERN_SUCCESS &&
	               vm_allocate(child, &page, 4096, TRUE) == KERN_SUCCESS,
	           "task_create and vm_allocate give an empty task a page"))
		return;
	check(gsync_wait(child, page, 1, 0, 0, 0) == KERN_INVALID_ARGUMENT &&
	          gsync_wait(child, page, 0, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "gsync_wait through its task port reads its word (0)");
	(void)gsync_wake(child, page, 42, GSYNC_MUTATE);
	check(gsync_wait(child, page, 42, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "gsync_wake with GSYNC_MUTATE through its task port stored 42 there");
	check(gsync_wait(child, page + 4096, 0, 0, 0, 0) == KERN_INVALID_ADDRESS,
	      "its unmapped memory: KERN_INVALID_ADDRESS");

	/* Make sure the same address is mapped in our task too (if it is not already). */
	vm_address_t ours = page;
	bool mapped_here = vm_allocate(self, &ours, 4096, FALSE) == KERN_SUCCESS;
	waiter_keys(self, child, page, 0, "private");
	waiter_keys(self, child, page, GSYNC_SHARED, "shared");
	if (mapped_here)
		(void)vm_deallocate(self, ours, 4096);

	static struct gsync_waiter waiter;
	check(gsync_start_waiter(&waiter, child, page, 42, 0),
	      "a thread of ours waits on the other task's word");
	check(task_terminate(child) == KERN_SUCCESS, "the other task is terminated");
	kern_return_t result = gsync_wait(child, page, 42, 0, 0, GSYNC_TIMED);
	check(result != KERN_SUCCESS && result != KERN_TIMEDOUT && result != KERN_INVALID_ARGUMENT,
	      "gsync_wait on the ended task's memory fails (0x%x)", result);
	check(gsync_done_after_settling(&waiter, 1, 0) == 0 &&
	          thread_abort(waiter.thread) == KERN_SUCCESS &&
	          gsync_done_after_settling(&waiter, 1, 1) == 1 &&
	          waiter.result == KERN_INTERRUPTED,
	      "the waiter sleeps on until thread_abort: KERN_INTERRUPTED");
	(void)gsync_finish_waiters(&waiter, 1);
	(void)mach_port_deallocate(self, child);
}
