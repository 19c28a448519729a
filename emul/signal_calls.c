/* The signal system calls a process makes about itself: rt_sigaction,
 * rt_sigprocmask, rt_sigpending, sigaltstack, rt_sigsuspend, pause,
 * rt_sigtimedwait, and kill/tkill/tgkill aimed at its own threads (kill of
 * another process: signal_kill.c). */
#include <mach.h>
#include "clock.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "signal_wait.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define SIGSET_BYTES 8

long emul_sys_rt_sigaction(struct emul_frame *frame)
{
	uint64_t signal = frame->rdi, action = frame->rsi, old_action = frame->rdx;
	if (frame->r10 != SIGSET_BYTES || !emul_signal_valid(signal))
		return -LINUX_EINVAL;
	struct linux_sigaction wanted;
	if (action) {
		if (signal == LINUX_SIGKILL || signal == LINUX_SIGSTOP)
			return -LINUX_EINVAL;
		long copied = emul_copy_from_user(&wanted, action, sizeof(wanted));
		if (copied < 0)
			return copied;
		wanted.mask &= ~EMUL_SIGNALS_UNBLOCKABLE;
	}
	if (old_action && !emul_user_range_ok(old_action, sizeof(wanted), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct linux_sigaction previous =
	    action ? emul_signal_set_action((int)signal, &wanted) : emul_signal_action((int)signal);
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
		thread->signal_mask = mask & ~EMUL_SIGNALS_UNBLOCKABLE;
	}
	return 0; /* a signal unblocked here is delivered as the call returns */
}

long emul_sys_rt_sigpending(struct emul_frame *frame)
{
	if (frame->rsi > SIGSET_BYTES)
		return -LINUX_EINVAL;
	struct emul_thread *thread = emul_thread_self();
	uint64_t pending = (__atomic_load_n(&thread->signals.pending, __ATOMIC_ACQUIRE) |
	                    emul_signal_process_pending()) &
	                   thread->signal_mask;
	return emul_copy_to_user(frame->rdi, &pending, frame->rsi);
}

long emul_sys_sigaltstack(struct emul_frame *frame)
{
	uint64_t stack = frame->rdi, old_stack = frame->rsi;
	struct emul_thread *thread = emul_thread_self();
	struct linux_stack wanted;
	bool on_it = thread->altstack_sp &&
	             emul_signal_on_altstack(frame->rsp, (uint64_t)thread->altstack_sp,
	                                     thread->altstack_size);
	if (stack) {
		long copied = emul_copy_from_user(&wanted, stack, sizeof(wanted));
		if (copied < 0)
			return copied;
		uint32_t mode = (uint32_t)wanted.flags & ~LINUX_SS_AUTODISARM;
		if (mode != 0 && mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK)
			return -LINUX_EINVAL;
		if (mode != LINUX_SS_DISABLE && wanted.size < LINUX_MINSIGSTKSZ)
			return -LINUX_ENOMEM;
		if (on_it)
			return -LINUX_EPERM;
	}
	if (old_stack) {
		struct linux_stack previous = {
		    .sp = (uint64_t)thread->altstack_sp,
		    .flags = !thread->altstack_sp ? LINUX_SS_DISABLE
		             : on_it              ? LINUX_SS_ONSTACK
		                                  : thread->altstack_flags,
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

long emul_sys_pause(struct emul_frame *frame)
{
	(void)frame;
	return emul_signal_wait(0, INT64_MAX);
}

long emul_sys_rt_sigsuspend(struct emul_frame *frame)
{
	if (frame->rsi != SIGSET_BYTES)
		return -LINUX_EINVAL;
	uint64_t mask;
	long copied = emul_copy_from_user(&mask, frame->rdi, sizeof(mask));
	if (copied < 0)
		return copied;
	struct emul_thread *thread = emul_thread_self();
	thread->signals.saved_mask = thread->signal_mask;
	thread->signals.mask_saved = 1;
	thread->signal_mask = mask & ~EMUL_SIGNALS_UNBLOCKABLE;
	return emul_signal_wait(0, INT64_MAX); /* the old mask returns after the handler */
}

/* Takes one of wanted from the thread's or the process's pending set. */
static int take_one(struct emul_thread *thread, uint64_t wanted, struct emul_signal_source *source)
{
	uint64_t own = __atomic_load_n(&thread->signals.pending, __ATOMIC_ACQUIRE) & wanted;
	if (own) {
		int signal = emul_signal_first(own);
		uint64_t bit = LINUX_SIGNAL_BIT(signal);
		if (__atomic_fetch_and(&thread->signals.pending, ~bit, __ATOMIC_ACQ_REL) & bit) {
			*source = thread->signals.sources[signal - 1];
			return signal;
		}
	}
	uint64_t shared = emul_signal_process_pending() & wanted;
	while (shared) {
		int signal = emul_signal_first(shared);
		if (emul_signal_process_take(signal, source))
			return signal;
		shared &= ~LINUX_SIGNAL_BIT(signal);
	}
	return 0;
}

long emul_sys_rt_sigtimedwait(struct emul_frame *frame)
{
	uint64_t wanted;
	if (frame->r10 != SIGSET_BYTES)
		return -LINUX_EINVAL;
	long result = emul_copy_from_user(&wanted, frame->rdi, sizeof(wanted));
	if (result < 0)
		return result;
	wanted &= ~EMUL_SIGNALS_UNBLOCKABLE;
	int64_t deadline = INT64_MAX;
	if (frame->rdx) {
		int64_t length;
		result = emul_timespec_from_user(frame->rdx, &length);
		if (result < 0)
			return result;
		int64_t now = emul_clock_monotonic_ns();
		deadline = length > INT64_MAX - now ? INT64_MAX : now + length;
	}
	struct emul_thread *thread = emul_thread_self();
	for (;;) {
		struct emul_signal_source source;
		int signal = take_one(thread, wanted, &source);
		if (signal) {
			if (frame->rsi) {
				struct linux_siginfo info;
				memset(&info, 0, sizeof(info));
				info.signo = signal;
				info.code = source.code;
				info.fields.kill.pid = source.pid;
				info.fields.kill.uid = source.uid;
				result = emul_copy_to_user(frame->rsi, &info, sizeof(info));
				if (result < 0)
					return result;
			}
			return signal;
		}
		result = emul_signal_wait(wanted, deadline);
		if (result < 0)
			return result; /* -EINTR, or -EAGAIN at the deadline */
	}
}

/* A signal from this process to itself. */
static struct emul_signal_source own_source(int32_t code)
{
	return (struct emul_signal_source){.code = code, .pid = emul_process.pid, .uid = 0};
}

long emul_signal_kill_self(int signal)
{
	if (signal == 0)
		return 0;
	struct emul_signal_source source = own_source(LINUX_SI_USER);
	emul_signal_post(signal, &source, NULL);
	return 0;
}

static long kill_thread(int64_t tid, uint64_t signal)
{
	if (signal != 0 && !emul_signal_valid(signal))
		return -LINUX_EINVAL;
	if (tid <= 0)
		return -LINUX_EINVAL;
	struct emul_thread *thread = emul_signal_thread_by_tid((int32_t)tid);
	if (!thread)
		return -LINUX_ESRCH;
	if (signal == 0)
		return 0;
	struct emul_signal_source source = own_source(LINUX_SI_TKILL);
	emul_signal_post((int)signal, &source, thread);
	return 0;
}

long emul_sys_tkill(struct emul_frame *frame)
{
	return kill_thread((int64_t)frame->rdi, frame->rsi);
}

long emul_sys_tgkill(struct emul_frame *frame)
{
	int64_t group = (int64_t)frame->rdi;
	if (group <= 0)
		return -LINUX_EINVAL;
	if (group != emul_process.pid)
		return -LINUX_ESRCH;
	return kill_thread((int64_t)frame->rsi, frame->rdx);
}
