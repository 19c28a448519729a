/* Signal state, recorded without delivery (delivery is later work): the
 * actions of rt_sigaction, each thread's mask (rt_sigprocmask) and alternate
 * stack (sigaltstack), answered back as Linux would. */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"

#define SIGSET_BYTES 8
#define UNBLOCKABLE  ((1ull << (LINUX_SIGKILL - 1)) | (1ull << (LINUX_SIGSTOP - 1)))

static emul_lock_t actions_lock;
static struct linux_sigaction actions[LINUX_NSIG];

long emul_sys_rt_sigaction(struct emul_frame *frame)
{
	uint64_t signal = frame->rdi, action = frame->rsi, old_action = frame->rdx;
	if (frame->r10 != SIGSET_BYTES || signal < 1 || signal > LINUX_NSIG)
		return -LINUX_EINVAL;
	struct linux_sigaction wanted;
	if (action) {
		if (signal == LINUX_SIGKILL || signal == LINUX_SIGSTOP)
			return -LINUX_EINVAL;
		long copied = emul_copy_from_user(&wanted, action, sizeof(wanted));
		if (copied < 0)
			return copied;
		wanted.mask &= ~UNBLOCKABLE;
	}
	if (old_action && !emul_user_range_ok(old_action, sizeof(wanted), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	emul_lock(&actions_lock);
	struct linux_sigaction previous = actions[signal - 1];
	if (action)
		actions[signal - 1] = wanted;
	emul_unlock(&actions_lock);
	return old_action ? emul_copy_to_user(old_action, &previous, sizeof(previous)) : 0;
}

long emul_sys_rt_sigprocmask(struct emul_frame *frame)
{
	uint64_t how = frame->rdi, set = frame->rsi, old_set = frame->rdx;
	if (frame->r10 != SIGSET_BYTES)
		return -LINUX_EINVAL;
	struct emul_thread *thread = emul_thread_self();
	uint64_t previous = thread->signal_mask, change = 0;
	if (set) {
		if (how != LINUX_SIG_BLOCK && how != LINUX_SIG_UNBLOCK && how != LINUX_SIG_SETMASK)
			return -LINUX_EINVAL;
		long copied = emul_copy_from_user(&change, set, sizeof(change));
		if (copied < 0)
			return copied;
	}
	if (old_set) {
		long copied = emul_copy_to_user(old_set, &previous, sizeof(previous));
		if (copied < 0)
			return copied;
	}
	if (set) {
		uint64_t mask = how == LINUX_SIG_BLOCK     ? previous | change
		                : how == LINUX_SIG_UNBLOCK ? previous & ~change
		                                           : change;
		thread->signal_mask = mask & ~UNBLOCKABLE;
	}
	return 0;
}

long emul_sys_sigaltstack(struct emul_frame *frame)
{
	uint64_t stack = frame->rdi, old_stack = frame->rsi;
	struct emul_thread *thread = emul_thread_self();
	struct linux_stack wanted;
	if (stack) {
		long copied = emul_copy_from_user(&wanted, stack, sizeof(wanted));
		if (copied < 0)
			return copied;
		uint32_t mode = (uint32_t)wanted.flags & ~LINUX_SS_AUTODISARM;
		if (mode != 0 && mode != LINUX_SS_DISABLE)
			return -LINUX_EINVAL;
		if (mode == 0 && wanted.size < LINUX_MINSIGSTKSZ)
			return -LINUX_ENOMEM;
	}
	if (old_stack) {
		struct linux_stack previous = {
		    .sp = (uint64_t)thread->altstack_sp,
		    .flags = thread->altstack_sp ? thread->altstack_flags : LINUX_SS_DISABLE,
		    .size = thread->altstack_size,
		};
		long copied = emul_copy_to_user(old_stack, &previous, sizeof(previous));
		if (copied < 0)
			return copied;
	}
	if (stack) {
		int disable = ((uint32_t)wanted.flags & ~LINUX_SS_AUTODISARM) == LINUX_SS_DISABLE;
		thread->altstack_sp = disable ? NULL : (void *)wanted.sp;
		thread->altstack_size = disable ? 0 : wanted.size;
		thread->altstack_flags =
		    disable ? 0 : (int32_t)(wanted.flags & LINUX_SS_AUTODISARM);
	}
	return 0;
}
