/* The forked child's start: its only thread runs here first, on the fork
 * stack, with the block of the thread that forked behind GS. It forgets what
 * was the parent's (receive rights, other threads, pending signals, timers),
 * takes its own task and thread ports, pid, message port and service thread,
 * then resumes the program where the parent's syscall returned, with rax 0. */
#include <mach.h>
#include "emul.h"
#include "fork.h"
#include "linux_thread_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "wait_kept.h"

static _Noreturn void child_failed(const char *what, kern_return_t result)
{
	emul_log("fork: the child cannot start: %s (0x%x)", what, result);
	emul_process_end(LINUX_SIGKILL_ & 0x7f, 0, 0);
}

/* Memory only: the names of the receive rights the threads' blocks held are
 * not the child's (a new right may take such a name soon). */
static void forget_reply_ports(struct emul_thread *list, bool by_listed)
{
	for (struct emul_thread *thread = list; thread;
	     thread = by_listed ? thread->next_listed : thread->next_ended)
		thread->mach.reply_port = MACH_PORT_NULL;
}

/* The other threads' blocks, and the copied send rights to the parent's threads. */
static void free_blocks(struct emul_thread *list, bool by_listed)
{
	while (list) {
		struct emul_thread *next = by_listed ? list->next_listed : list->next_ended;
		if (MACH_PORT_VALID(list->thread_port))
			(void)mach_port_deallocate(mach_task_self(), list->thread_port);
		if (list->stack_base) /* the main thread's block is static */
			(void)vm_deallocate(mach_task_self(), (vm_address_t)list->stack_base,
			                    list->stack_size);
		list = next;
	}
}

_Noreturn void emul_fork_child_main(struct emul_fork_start *start)
{
	struct emul_thread *self = emul_thread_self();
	/* First, before any port of the child's own exists: every name of a
	 * receive right that stayed with the parent is forgotten. */
	emul_fork_child_begin();
	self->mach.reply_port = MACH_PORT_NULL;
	self->mach.destroying_reply_port = 0;
	struct emul_thread *others = emul_signal_threads_forked(self);
	struct emul_thread *ended = emul_threads_forked();
	forget_reply_ports(others, true);
	forget_reply_ports(ended, false);
	emul_signal_service_forked();
	emul_msgport_forked();
	emul_signal_state_forked();
	emul_wait_kept_forked();

	/* Then the child's own ports. */
	mach_port_t parent_thread = self->thread_port;
	kern_return_t result = mach_init();
	if (result != KERN_SUCCESS)
		child_failed("no task port", result);
	self->thread_port = mach_thread_self();
	if (MACH_PORT_VALID(parent_thread) && parent_thread != self->thread_port)
		(void)mach_port_deallocate(mach_task_self(), parent_thread);
	free_blocks(others, true);
	free_blocks(ended, false);

	/* The thread as Linux leaves it in a child. */
	self->signals.pending = 0;
	self->signals.interruptible = 0;
	self->signals.mask_saved = 0;
	self->next_listed = self->next_ended = NULL;
	self->robust_list_head = NULL;
	self->robust_list_length = 0;
	self->clear_child_tid =
	    (start->flags & LINUX_CLONE_CHILD_CLEARTID) ? (int32_t *)start->child_tid : NULL;
	self->fs_base = start->fs_base;
	result = emul_process_identity_forked();
	if (result != KERN_SUCCESS)
		child_failed("proc does not know it", result);
	self->tid = emul_process.pid;
	if (start->flags & LINUX_CLONE_CHILD_SETTID) {
		int32_t tid = self->tid;
		(void)emul_copy_to_user(start->child_tid, &tid, sizeof(tid));
	}
	emul_signal_service_start();
	emul_signal_resume(&start->context);
}
