/* Non-negative system calls (D4): sent on to the task's emulator in user mode
 * (include/wildebeest/emulation.h), or raised as an exception in a task without one. */
#include "kern/syscall.h"
#include "kern/cpu.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kserver/emulation.h"
#include "arch/x86_64/trap_frame.h"
#include "dev/console.h"

/* Offers a user exception to the thread's or task's exception port (trap.c). */
extern bool (*user_exception_hook)(struct trap_frame *frame);

void syscall_emulate(struct trap_frame *frame)
{
	struct thread *thread = current_thread();
	uint64_t entry = emulation_entry_for(thread->task, frame->rax);
	if (entry) {
		/* The rest of the frame is as the syscall left it: rax the number,
		 * rcx the return address, r11 the flags, the arguments in place. */
		frame->rip = entry;
		return;
	}
	/* A handler that takes the exception resumes the thread as it left it. */
	if (user_exception_hook && user_exception_hook(frame))
		return;
	kprintf(
	    "syscall: task %lu (%s) made system call %ld but has no emulator; task terminated\n",
	    (unsigned long)thread->task->id, thread->task->name, (long)frame->rax);
	task_terminate_with_status(thread->task, TASK_STATUS_BAD_SYSCALL);
}
