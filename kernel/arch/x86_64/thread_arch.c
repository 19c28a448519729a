/* New-thread stacks (see thread_arch.h): a trap frame at the top, below it the
 * return address thread_start_trampoline and the callee-saved registers that
 * switch_context pops (rbx = function to call, r12 = its argument). */
#include "arch/x86_64/thread_arch.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/trap_frame.h"
#include "kern/thread.h"
#include "kern/sched.h"
#include "lib/kstring.h"

extern char thread_start_trampoline[];

struct initial_switch_frame {
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t return_address;
};

struct trap_frame *thread_user_frame(struct thread *thread)
{
	return (struct trap_frame *)((char *)thread->kernel_stack + KERNEL_STACK_SIZE) - 1;
}

static struct trap_frame *frame_of(struct thread *thread)
{
	return (struct trap_frame *)((char *)thread->kernel_stack + KERNEL_STACK_SIZE) - 1;
}

static void prepare(struct thread *thread, void (*function)(void *), uint64_t argument)
{
	struct trap_frame *frame = frame_of(thread);
	struct initial_switch_frame *start = (struct initial_switch_frame *)frame - 1;
	memset(start, 0, sizeof(*start));
	start->rbx = (uint64_t)function;
	start->r12 = argument;
	start->return_address = (uint64_t)thread_start_trampoline;
	thread->saved_rsp = (uint64_t)start;
}

void thread_arch_prepare_kernel(struct thread *thread, void (*entry)(void *), void *argument)
{
	memset(frame_of(thread), 0, sizeof(struct trap_frame));
	prepare(thread, entry, (uint64_t)argument);
}

/* A user thread's first kernel code: the usual checks, then return_from_trap. */
static void user_thread_first_return(void *unused)
{
	(void)unused;
	interrupts_disable();
	sched_return_to_user_checks();
}

void thread_arch_prepare_user(struct thread *thread, uint64_t rip, uint64_t rsp, uint64_t argument)
{
	struct trap_frame *frame = frame_of(thread);
	memset(frame, 0, sizeof(*frame));
	frame->rip = rip;
	frame->rsp = rsp;
	frame->rdi = argument;
	frame->cs = SEL_USER_CODE;
	frame->ss = SEL_USER_DATA;
	frame->rflags = RFLAGS_IF | 0x2;
	prepare(thread, user_thread_first_return, 0);
}
