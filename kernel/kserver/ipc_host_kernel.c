/* The kernel's side of kernel/ipc/ipc_host.h: memory from kalloc, sleeping on
 * the scheduler with a timer for timeouts, user memory through the current
 * task's page tables, and out-of-line memory through its address map (copied,
 * or as virtual copies: vm/vm_map_copy.h). */
#include "ipc/ipc_host.h"
#include "ipc/ipc_kernel.h"
#include "kern/cpu.h"
#include "kern/kalloc.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kern/timer.h"
#include "vm/user_copy.h"
#include "kern/arguments.h"
#include "kern/boot_info.h"
#include "../vm/vm_map.h" /* past the shim of the same name */
#include "../vm/vm_map_copy.h"

void *ipc_host_alloc(size_t size)
{
	return kalloc(size);
}

void ipc_host_free(void *address, size_t size)
{
	kfree(address, size);
}

struct ipc_thread *ipc_host_current_thread(void)
{
	return current_thread()->ipc;
}

/* The task whose memory a space's user addresses refer to. IPC touches user
 * memory only from a thread of the task that owns the space. */
static struct task *owner_of(struct ipc_space *space)
{
	struct task *task = current_thread()->task;
	return task && task->ipc_space == space ? task : NULL;
}

bool ipc_host_copyin(struct ipc_space *space, void *kernel_destination, uint64_t user_source,
                     size_t size)
{
	struct task *task = owner_of(space);
	return task && copy_from_user(&task->space, kernel_destination, user_source, size);
}

bool ipc_host_copyout(struct ipc_space *space, uint64_t user_destination, const void *kernel_source,
                      size_t size)
{
	struct task *task = owner_of(space);
	return task && copy_to_user(&task->space, user_destination, kernel_source, size);
}

kern_return_t ipc_host_vm_copyout(struct ipc_space *space, const void *data, size_t size,
                                  uint64_t *address)
{
	struct task *task = owner_of(space);
	if (!task)
		return KERN_INVALID_TASK;
	if (size == 0) {
		*address = 0;
		return KERN_SUCCESS;
	}
	uint64_t where = 0;
	kern_return_t result = vm_map_enter(task->map, &where, size, 0, true, NULL, 0, false,
	                                    VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT);
	if (result != KERN_SUCCESS)
		return result;
	if (!copy_to_user(&task->space, where, data, size)) {
		vm_map_remove(task->map, where, where + size);
		return KERN_RESOURCE_SHORTAGE;
	}
	*address = where;
	return KERN_SUCCESS;
}

kern_return_t ipc_host_vm_deallocate(struct ipc_space *space, uint64_t address, size_t size)
{
	struct task *task = owner_of(space);
	if (!task)
		return KERN_INVALID_TASK;
	if (size == 0)
		return KERN_SUCCESS;
	if (address + size < address)
		return KERN_INVALID_ARGUMENT;
	return vm_map_remove(task->map, address, address + size);
}

/* Out-of-line data from this size on travels as a virtual copy: below it the
 * byte copy is faster (measured: docs/ARCHITECTURE.md, "Out-of-line memory").
 * The kernel command line's ool-copy-virtual or ool-copy-bytes forces one
 * method for every size (for the benchmark). */
#define VM_COPY_THRESHOLD_DEFAULT (32 * 1024)

size_t ipc_host_vm_copy_threshold(void)
{
	static size_t threshold; /* 0: not read yet */
	if (threshold == 0) {
		size_t chosen = VM_COPY_THRESHOLD_DEFAULT;
		if (arguments_has_flag(boot_info.cmdline, "ool-copy-virtual"))
			chosen = 1;
		else if (arguments_has_flag(boot_info.cmdline, "ool-copy-bytes"))
			chosen = SIZE_MAX;
		__atomic_store_n(&threshold, chosen, __ATOMIC_RELAXED);
	}
	return threshold;
}

kern_return_t ipc_host_vm_copyin(struct ipc_space *space, uint64_t address, size_t size, bool move,
                                 struct ipc_vm_copy **copy)
{
	struct task *task = owner_of(space);
	if (!task)
		return KERN_INVALID_TASK;
	return vm_map_copyin(task->map, address, size, move, (struct vm_map_copy **)copy);
}

kern_return_t ipc_host_vm_copyout_copy(struct ipc_space *space, struct ipc_vm_copy *copy,
                                       uint64_t *address)
{
	struct task *task = owner_of(space);
	if (!task)
		return KERN_INVALID_TASK;
	return vm_map_copyout(task->map, (struct vm_map_copy *)copy, address);
}

void ipc_host_vm_copy_read(struct ipc_vm_copy *copy, void *buffer, size_t size)
{
	struct vm_map_copy *vm_copy = (struct vm_map_copy *)copy;
	if (size == vm_copy->size)
		vm_map_copy_read(vm_copy, buffer);
}

void ipc_host_vm_copy_discard(struct ipc_vm_copy *copy)
{
	vm_map_copy_discard((struct vm_map_copy *)copy);
}

void ipc_host_vm_copy_defer(struct ipc_vm_copy **list, struct ipc_vm_copy *copy)
{
	struct vm_map_copy *vm_copy = (struct vm_map_copy *)copy;
	vm_copy->next = (struct vm_map_copy *)*list;
	*list = copy;
}

void ipc_host_vm_copy_discard_list(struct ipc_vm_copy *list)
{
	struct vm_map_copy *copy = (struct vm_map_copy *)list;
	while (copy) {
		struct vm_map_copy *next = copy->next;
		vm_map_copy_discard(copy);
		copy = next;
	}
}

struct sleep_timeout {
	struct timer timer;
	struct thread *sleeper;
	volatile bool fired;
};

static void sleep_timed_out(struct timer *timer)
{
	struct sleep_timeout *timeout = (struct sleep_timeout *)timer;
	timeout->fired = true;
	sched_wakeup(timeout->sleeper);
}

enum ipc_wait_result ipc_host_sleep(struct ipc_thread *self, void (*release)(void),
                                    uint64_t timeout_ms)
{
	(void)self;
	struct thread *thread = current_thread();
	struct sleep_timeout timeout = {.sleeper = thread};
	__atomic_store_n(&thread->wait_interrupted, false, __ATOMIC_RELAXED);
	__atomic_store_n(&thread->interruptible_sleep, true, __ATOMIC_SEQ_CST);
	/* thread_interrupt_wait sets wait_interrupted before it takes our lock to
	 * wake us: either it is seen here, or the waker finds us THREAD_WAITING.
	 * An abort that saw us interruptible is never lost. */
	spin_lock(&thread->lock);
	if (thread->terminate_requested || thread->wait_interrupted) {
		spin_unlock(&thread->lock);
		release();
		thread->interruptible_sleep = false;
		return IPC_WAIT_INTERRUPTED;
	}
	thread->state = THREAD_WAITING;
	spin_unlock(&thread->lock);
	if (timeout_ms != IPC_WAIT_FOREVER)
		timer_arm(&timeout.timer, timer_deadline_after_ms(timeout_ms), sleep_timed_out);
	release();
	schedule();
	if (timeout_ms != IPC_WAIT_FOREVER)
		timer_cancel(&timeout.timer);
	__atomic_store_n(&thread->interruptible_sleep, false, __ATOMIC_RELEASE);
	if (thread->wait_interrupted || thread->terminate_requested)
		return IPC_WAIT_INTERRUPTED;
	return timeout.fired ? IPC_WAIT_TIMED_OUT : IPC_WAIT_WOKEN;
}

unsigned ipc_host_cpu(void)
{
	return this_cpu()->index;
}

void ipc_host_wakeup(struct ipc_thread *thread_ipc)
{
	sched_wakeup(ipc_thread_owner(thread_ipc));
}

void ipc_host_handoff(struct ipc_thread *thread_ipc)
{
	/* The woken receiver moves to the front of this CPU's run queue (if the
	 * wakeup put it on another's), so that it runs here as soon as the sender
	 * blocks for its reply: the RPC stays on one CPU, caches warm. The fast
	 * path's locks keep the receiver's thread alive meanwhile. */
	struct thread *receiver = ipc_thread_owner(thread_ipc);
	if (receiver)
		sched_pull_here(receiver);
	this_cpu()->need_resched = true;
}
