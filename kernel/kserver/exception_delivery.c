/* User faults as Mach exceptions: the faulting thread sends exc.defs'
 * exception_raise to its thread's exception port, else its task's, and waits
 * for the answer. KERN_SUCCESS resumes the thread (the handler may have changed
 * its state); anything else, or no port, leaves the fault to kill the task. */
#include "kserver_types.h"
#include "exc.h"
#include "ipc/ipc_kernel.h"
#include "kern/cpu.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/trap_frame.h"
#include <mach/exception.h>

extern bool (*user_exception_hook)(struct trap_frame *frame);

struct mach_exception {
	integer_t exception, code, subcode;
};

/* The Mach exception for a CPU exception vector (GNU Mach's i386 numbering). */
static struct mach_exception exception_for(const struct trap_frame *frame)
{
	switch (frame->vector) {
	case 0:
		return (struct mach_exception){EXC_ARITHMETIC, EXC_I386_DIV, 0};
	case 1:
		return (struct mach_exception){EXC_BREAKPOINT, EXC_I386_SGL, 0};
	case 3:
		return (struct mach_exception){EXC_BREAKPOINT, EXC_I386_BPT, 0};
	case 4:
		return (struct mach_exception){EXC_ARITHMETIC, EXC_I386_INTO, 0};
	case 5:
		return (struct mach_exception){EXC_ARITHMETIC, EXC_I386_BOUND, 0};
	case 6:
		return (struct mach_exception){EXC_BAD_INSTRUCTION, EXC_I386_INVOP, 0};
	case 7:
		return (struct mach_exception){EXC_ARITHMETIC, EXC_I386_NOEXT, 0};
	case 14: {
		/* The code is vm_fault's answer (as in Mach): KERN_INVALID_ADDRESS where
		 * nothing is mapped, KERN_PROTECTION_FAILURE where the entry forbids the
		 * access, KERN_RESOURCE_SHORTAGE when no page could be had. exc.defs'
		 * subcode is 32 bits wide: the published ABI truncates the address. */
		struct thread *thread = current_thread();
		return (struct mach_exception){EXC_BAD_ACCESS, thread->fault_result,
		                               (integer_t)thread->fault_address};
	}
	case TRAP_VECTOR_SYSCALL: /* a system call with no emulator: the number as subcode */
		return (struct mach_exception){EXC_BAD_INSTRUCTION, EXC_I386_INVOP,
		                               (integer_t)frame->rax};
	case 16:
	case 19:
		return (struct mach_exception){EXC_ARITHMETIC, EXC_I386_EXTERR, 0};
	default: /* 10-13, 17: segment and protection faults */
		return (struct mach_exception){EXC_BAD_INSTRUCTION, (integer_t)frame->vector,
		                               (integer_t)frame->error_code};
	}
}

static ipc_port_t exception_port_of(struct thread *thread)
{
	ipc_port_t port = IP_NULL;
	irq_state_t state = spin_lock_irqsave(&thread->lock);
	if (IP_VALID(thread->exception_port))
		port = ipc_port_copy_send(thread->exception_port);
	spin_unlock_irqrestore(&thread->lock, state);
	if (port)
		return port;
	struct task *task = thread->task;
	state = spin_lock_irqsave(&task->lock);
	if (IP_VALID(task->exception_port))
		port = ipc_port_copy_send(task->exception_port);
	spin_unlock_irqrestore(&task->lock, state);
	return port;
}

static bool deliver_exception(struct trap_frame *frame)
{
	struct thread *thread = current_thread();
	ipc_port_t port = exception_port_of(thread);
	if (!port)
		return false;
	struct mach_exception exception = exception_for(frame);
	interrupts_enable();
	kern_return_t result =
	    exception_raise(port, thread->self_port, thread->task->self_port, exception.exception,
	                    exception.code, exception.subcode);
	interrupts_disable();
	ipc_port_release_send(port);
	return result == KERN_SUCCESS;
}

void exception_delivery_init(void)
{
	user_exception_hook = deliver_exception;
}
