/* Delivering a signal: the interrupted state (after a system call, or a
 * thread diverted from the program) is saved in the thread's block, then each
 * signal the thread can take gets a real Linux rt_sigframe (siginfo, ucontext,
 * FXSAVE image) on the program's stack or the alternate stack, and the thread
 * resumes in the handler; rt_sigreturn brings the saved state back. */
#include <mach.h>
#include "signal_internal.h"
#include "signal_stop.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define SIGNAL_STACK_BYTES (16u << 10)
#define RFLAGS_DF          0x400ull
#define RFLAGS_TF          0x100ull
#define RFLAGS_USER_BITS   0x254dd5ull /* CF PF AF ZF SF TF DF OF AC ID */
#define RFLAGS_ALWAYS      0x202ull
#define DELIVERIES_AT_ONCE LINUX_SIGNALS
#define LINUX_ERESTARTSYS  512

/* The main thread's block is static: so is its signal stack. */
static uint8_t main_signal_stack[SIGNAL_STACK_BYTES] __attribute__((aligned(16)));

_Noreturn void emul_run_on_stack(void (*function)(void *), void *argument, void *stack_top);

uint64_t emul_signal_stack_top(struct emul_thread *thread)
{
	if (thread->stack_base)
		return ((uint64_t)thread->stack_base + thread->stack_size) & ~15ull;
	return (uint64_t)(main_signal_stack + sizeof(main_signal_stack));
}

/* Calls that SA_RESTART restarts when a handler interrupted them. */
static bool restartable(uint64_t number)
{
	switch (number) {
	case 0:   /* read */
	case 1:   /* write */
	case 16:  /* ioctl */
	case 17:  /* pread64 */
	case 18:  /* pwrite64 */
	case 19:  /* readv */
	case 20:  /* writev */
	case 61:  /* wait4 */
	case 202: /* futex */
	case 247: /* waitid */
		return true;
	default:
		return false;
	}
}

/* Takes signal from the thread's own set or the process's. */
static bool take_signal(struct emul_thread *thread, int signal, struct emul_signal_source *source)
{
	uint64_t bit = LINUX_SIGNAL_BIT(signal);
	if (__atomic_fetch_and(&thread->signals.pending, ~bit, __ATOMIC_ACQ_REL) & bit) {
		*source = thread->signals.sources[signal - 1];
		return true;
	}
	return emul_signal_process_take(signal, source);
}

static void fill_info(struct linux_siginfo *info, int signal,
                      const struct emul_signal_source *source)
{
	memset(info, 0, sizeof(*info));
	info->signo = signal;
	info->code = source->code;
	switch (signal) {
	case LINUX_SIGSEGV:
	case LINUX_SIGBUS:
	case LINUX_SIGILL:
	case LINUX_SIGFPE:
	case LINUX_SIGTRAP:
		if (source->code > 0) {
			info->fields.address = source->address;
			return;
		}
		break;
	default:
		break;
	}
	info->fields.kill.pid = source->pid;
	info->fields.kill.uid = source->uid;
}

/* Builds the handler's frame for signal over the thread's saved context and
 * makes that context the handler's entry; false if the frame cannot be written. */
static bool push_frame(struct emul_thread *thread, int signal,
                       const struct emul_signal_source *source,
                       const struct linux_sigaction *action)
{
	struct emul_signal_context *context = &thread->signals.context;
	uint64_t altstack_size =
	    (action->flags & LINUX_SA_ONSTACK) && thread->altstack_sp ? thread->altstack_size : 0;
	struct emul_signal_placement place;
	if (!emul_signal_place_frame(context->registers.rsp, (uint64_t)thread->altstack_sp,
	                             altstack_size, &place))
		return false;
	if (emul_copy_to_user(place.fpstate, context->fxsave, LINUX_FXSAVE_BYTES) < 0)
		return false;
	struct linux_rt_sigframe frame;
	memset(&frame, 0, sizeof(frame));
	frame.return_address = (action->flags & LINUX_SA_RESTORER) ? action->restorer : 0;
	bool was_on_altstack =
	    thread->altstack_sp &&
	    emul_signal_on_altstack(context->registers.rsp, (uint64_t)thread->altstack_sp,
	                            thread->altstack_size);
	frame.context.stack.sp = (uint64_t)thread->altstack_sp;
	frame.context.stack.size = thread->altstack_size;
	frame.context.stack.flags = !thread->altstack_sp ? LINUX_SS_DISABLE
	                            : was_on_altstack    ? LINUX_SS_ONSTACK
	                                                 : thread->altstack_flags;
	frame.context.mcontext = context->registers;
	frame.context.mcontext.fpstate = place.fpstate;
	frame.context.mcontext.cr2 = source->code > 0 ? source->address : 0;
	frame.context.sigmask =
	    thread->signals.mask_saved ? thread->signals.saved_mask : thread->signal_mask;
	frame.context.mcontext.old_mask = frame.context.sigmask;
	thread->signals.mask_saved = 0;
	fill_info(&frame.info, signal, source);
	if (emul_copy_to_user(place.frame, &frame, sizeof(frame)) < 0)
		return false;

	thread->signal_mask =
	    emul_signal_handler_mask(thread->signal_mask, action->mask, signal, action->flags);
	if (action->flags & LINUX_SA_RESETHAND)
		emul_signal_reset_action(signal);
	struct linux_sigcontext *registers = &context->registers;
	registers->rdi = (uint64_t)signal;
	registers->rsi = place.frame + offsetof(struct linux_rt_sigframe, info);
	registers->rdx = place.frame + offsetof(struct linux_rt_sigframe, context);
	registers->rax = 0;
	registers->rsp = place.frame;
	registers->rip = action->handler;
	registers->rflags &= ~(RFLAGS_DF | RFLAGS_TF);
	return true;
}

_Noreturn void emul_signal_deliver_saved(struct emul_thread *thread)
{
	for (int round = 0; round < DELIVERIES_AT_ONCE; round++) {
		uint64_t set = emul_signal_deliverable(thread);
		if (!set)
			break;
		int signal = emul_signal_first(set);
		struct emul_signal_source source;
		if (!take_signal(thread, signal, &source))
			continue; /* another thread took it */
		struct linux_sigaction action = emul_signal_action(signal);
		if (action.handler == LINUX_SIG_IGN)
			continue;
		if (action.handler == LINUX_SIG_DFL) {
			enum emul_signal_default fallback = emul_signal_default_action(signal);
			if (fallback == EMUL_SIGNAL_TERMINATE)
				emul_signal_terminate(signal);
			if (fallback == EMUL_SIGNAL_STOP)
				emul_signal_stop(signal); /* returns at the continue */
			continue;
		}
		if (!push_frame(thread, signal, &source, &action)) {
			emul_log("cannot write the frame of signal %d at 0x%lx", signal,
			         (unsigned long)thread->signals.context.registers.rsp);
			emul_signal_terminate(LINUX_SIGSEGV);
		}
	}
	if (thread->signals.mask_saved) { /* rt_sigsuspend, and no handler ran */
		thread->signal_mask = thread->signals.saved_mask;
		thread->signals.mask_saved = 0;
	}
	/* signal_resume.S writes two words below the target's red zone. */
	uint64_t target = thread->signals.context.registers.rsp;
	if (target < 256 || !emul_user_range_ok(target - 152, 16, VM_PROT_WRITE)) {
		emul_log("cannot resume on the stack at 0x%lx", (unsigned long)target);
		emul_signal_terminate(LINUX_SIGSEGV);
	}
	emul_signal_resume(&thread->signals.context);
}

static void deliver_on_signal_stack(void *argument)
{
	emul_signal_deliver_saved(argument);
}

void emul_signal_after_syscall(struct emul_frame *frame, uint64_t number)
{
	struct emul_thread *thread = emul_thread_self();
	uint64_t set = emul_signal_deliverable(thread);
	if (!set && (int64_t)frame->rax == -LINUX_ERESTARTSYS) {
		/* The signal that was to restart the call is gone (another thread
		 * took it): the call starts again at once. */
		frame->rax = number;
		frame->rcx -= 2;
	}
	if (!set) {
		if (thread->signals.mask_saved) {
			thread->signal_mask = thread->signals.saved_mask;
			thread->signals.mask_saved = 0;
		}
		return;
	}
	struct linux_sigcontext *registers = &thread->signals.context.registers;
	memset(registers, 0, sizeof(*registers));
	registers->r8 = frame->r8, registers->r9 = frame->r9, registers->r10 = frame->r10;
	registers->r11 = frame->r11, registers->r12 = frame->r12, registers->r13 = frame->r13;
	registers->r14 = frame->r14, registers->r15 = frame->r15, registers->rdi = frame->rdi;
	registers->rsi = frame->rsi, registers->rbp = frame->rbp, registers->rbx = frame->rbx;
	registers->rdx = frame->rdx, registers->rax = frame->rax, registers->rcx = frame->rcx;
	registers->rsp = frame->rsp, registers->rip = frame->rcx;
	registers->rflags = (frame->r11 & RFLAGS_USER_BITS) | RFLAGS_ALWAYS;
	int64_t result = (int64_t)frame->rax;
	if (result == -LINUX_EINTR || result == -LINUX_ERESTARTSYS) {
		struct linux_sigaction action = emul_signal_action(emul_signal_first(set));
		bool handled = action.handler != LINUX_SIG_DFL && action.handler != LINUX_SIG_IGN;
		/* -ERESTARTSYS (a background process's SIGTTIN/SIGTTOU) also
		 * restarts after a default action that stops and continues. */
		bool restart =
		    handled ? (action.flags & LINUX_SA_RESTART) != 0 : result == -LINUX_ERESTARTSYS;
		if (restart && restartable(number)) {
			registers->rax = number; /* back to the syscall instruction */
			registers->rip -= 2;
		} else {
			registers->rax = (uint64_t)-LINUX_EINTR;
		}
	}
	emul_signal_save_fpu(thread->signals.context.fxsave);
	emul_run_on_stack(deliver_on_signal_stack, thread, (void *)emul_signal_stack_top(thread));
}

_Noreturn void emul_signal_diverted(void)
{
	struct emul_thread *thread = emul_thread_self();
	emul_signal_save_fpu(thread->signals.context.fxsave);
	emul_signal_deliver_saved(thread);
}

long emul_sys_rt_sigreturn(struct emul_frame *frame)
{
	struct emul_thread *thread = emul_thread_self();
	struct linux_ucontext context;
	if (emul_copy_from_user(&context, frame->rsp, sizeof(context)) < 0) {
		emul_log("rt_sigreturn: no signal frame at 0x%lx", (unsigned long)frame->rsp);
		emul_signal_terminate(LINUX_SIGSEGV);
	}
	struct emul_signal_context *saved = &thread->signals.context;
	if (context.mcontext.fpstate) {
		if (context.mcontext.fpstate & 15 ||
		    emul_copy_from_user(saved->fxsave, context.mcontext.fpstate,
		                        LINUX_FXSAVE_BYTES) < 0) {
			emul_log("rt_sigreturn: bad FPU state at 0x%lx",
			         (unsigned long)context.mcontext.fpstate);
			emul_signal_terminate(LINUX_SIGSEGV);
		}
		/* MXCSR bits a program may not set would fault in FXRSTOR. */
		uint32_t mxcsr;
		memcpy(&mxcsr, saved->fxsave + 24, sizeof(mxcsr));
		mxcsr &= 0xffff;
		memcpy(saved->fxsave + 24, &mxcsr, sizeof(mxcsr));
	} else {
		emul_signal_save_fpu(saved->fxsave);
	}
	saved->registers = context.mcontext;
	saved->registers.rflags = (context.mcontext.rflags & RFLAGS_USER_BITS) | RFLAGS_ALWAYS;
	thread->signal_mask = context.sigmask & ~EMUL_SIGNALS_UNBLOCKABLE;
	emul_run_on_stack(deliver_on_signal_stack, thread, (void *)emul_signal_stack_top(thread));
}
