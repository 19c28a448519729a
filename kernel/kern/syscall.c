/* The system-call dispatcher: negative numbers are Mach traps (numbers from
 * gnumach-dev's mach/syscall_sw.h) and Wildebeest's boot traps; non-negative
 * numbers belong to the task's emulator (syscall_emulation.c). */
#include "kern/syscall.h"
#include "kern/boot_modules.h"
#include "kern/cpu.h"
#include "kserver/mach_traps.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "arch/x86_64/machine.h"
#include "arch/x86_64/trap_frame.h"
#include "vm/user_copy.h"
#include "arch/x86_64/layout.h"
#include "dev/console.h"
#include <mach/kern_return.h>
#include <wildebeest/boot_traps.h>

#define MACH_TRAP_MACH_PRINT -30
#define MACH_TRAP_SWTCH_PRI  -59
#define MACH_TRAP_SWTCH      -60
#define MACH_PRINT_MAX       1024

static struct address_space *own_space(void)
{
	return &current_thread()->task->space;
}

static int64_t trap_mach_print(uint64_t user_string)
{
	char text[MACH_PRINT_MAX];
	if (!copy_string_from_user(own_space(), text, user_string, sizeof(text)))
		return KERN_INVALID_ADDRESS;
	kprintf("%s", text);
	return KERN_SUCCESS;
}

static int64_t trap_swtch(void)
{
	struct cpu *cpu = this_cpu();
	bool others = cpu->runqueue.count > 0;
	cpu->need_resched = true;
	return others;
}

static int64_t trap_task_spawn(uint64_t index, uint64_t user_task_id)
{
	struct task *child;
	uint64_t id_check = 0;
	if (!copy_to_user(own_space(), user_task_id, &id_check, sizeof(id_check)))
		return KERN_INVALID_ADDRESS;
	kern_return_t result = boot_module_spawn(current_thread()->task, (unsigned)index, &child);
	if (result != KERN_SUCCESS)
		return result;
	/* The child may already have ended; its id stays valid until waited for. */
	uint64_t id = child->id;
	copy_to_user(own_space(), user_task_id, &id, sizeof(id));
	return KERN_SUCCESS;
}

static int64_t trap_task_wait(uint64_t task_id, uint64_t user_status)
{
	int zero = 0;
	if (!copy_to_user(own_space(), user_status, &zero, sizeof(zero)))
		return KERN_INVALID_ADDRESS;
	int status = 0;
	bool interrupted;
	if (!task_wait_child(current_thread()->task, task_id, &status, &interrupted))
		return KERN_INVALID_ARGUMENT;
	if (interrupted)
		return KERN_ABORTED;
	copy_to_user(own_space(), user_status, &status, sizeof(status));
	return KERN_SUCCESS;
}

static int64_t trap_thread_spawn(uint64_t rip, uint64_t rsp, uint64_t argument, uint64_t user_thread_id)
{
	uint64_t id = 0;
	if (!copy_to_user(own_space(), user_thread_id, &id, sizeof(id)))
		return KERN_INVALID_ADDRESS;
	if (rip >= USER_SPACE_END || rsp >= USER_SPACE_END)
		return KERN_INVALID_ADDRESS;
	struct thread *thread = thread_create_user(current_thread()->task, rip, rsp, argument);
	if (!thread)
		return KERN_RESOURCE_SHORTAGE;
	id = thread->id;
	copy_to_user(own_space(), user_thread_id, &id, sizeof(id));
	thread_start(thread);
	return KERN_SUCCESS;
}

void syscall_dispatch(struct trap_frame *frame)
{
	int64_t number = (int64_t)frame->rax;
	int64_t result = KERN_INVALID_ARGUMENT;
	if (number >= 0) {
		/* Redirected first, held after (at the return to user mode): a held
		 * thread's registers then show the emulator's entry, never "program
		 * code just after a syscall" that the kernel would still redirect
		 * once resumed (a signal diversion there ran the call on the signal
		 * stack). */
		syscall_emulate(frame); /* rax stays the number, or what a handler set */
		__asm__ volatile("cli" ::: "memory");
		sched_return_to_user_checks();
		return;
	} else {
		if (current_thread()->suspend_count > 0)
			thread_stop_point(); /* a held thread does not start a Mach trap */
		switch (number) {
		case MACH_TRAP_MSG:
			result = trap_mach_msg(frame);
			break;
		case MACH_TRAP_REPLY_PORT:
			result = trap_mach_reply_port();
			break;
		case MACH_TRAP_THREAD_SELF:
			result = trap_mach_thread_self();
			break;
		case MACH_TRAP_TASK_SELF:
			result = trap_mach_task_self();
			break;
		case MACH_TRAP_HOST_SELF:
			result = trap_mach_host_self();
			break;
		case MACH_TRAP_MACH_PRINT:
			result = trap_mach_print(frame->rdi);
			break;
		case MACH_TRAP_SWTCH:
		case MACH_TRAP_SWTCH_PRI: /* no priority depression yet: a plain yield */
			result = trap_swtch();
			break;
		case WB_TRAP_MODULE_COUNT:
			result = boot_module_count();
			break;
		case WB_TRAP_TASK_SPAWN:
			result = trap_task_spawn(frame->rdi, frame->rsi);
			break;
		case WB_TRAP_TASK_WAIT:
			result = trap_task_wait(frame->rdi, frame->rsi);
			break;
		case WB_TRAP_THREAD_SPAWN:
			result = trap_thread_spawn(frame->rdi, frame->rsi, frame->rdx, frame->r10);
			break;
		case WB_TRAP_THREAD_EXIT:
			current_thread()->terminate_requested = true;
			result = KERN_SUCCESS;
			break;
		case WB_TRAP_TASK_EXIT:
			task_terminate_with_status(current_thread()->task, (int)(frame->rdi & 0xff));
			result = KERN_SUCCESS;
			break;
		case WB_TRAP_CPU_NUMBER:
			result = this_cpu()->index;
			break;
		case WB_TRAP_CPU_COUNT:
			result = cpu_count;
			break;
		case WB_TRAP_POWER_OFF:
			if (!current_thread()->task->is_bootstrap) {
				result = KERN_INVALID_HOST;
				break;
			}
			kprintf("bootstrap: power off requested (verdict %s)\n", frame->rdi == 0 ? "pass" : "fail");
			machine_power_off(frame->rdi == 0 ? MACHINE_VERDICT_PASS : MACHINE_VERDICT_FAIL);
		default:
			kprintf("syscall: task %lu (%s) called Mach trap %ld, which this kernel does not have yet\n",
				(unsigned long)current_thread()->task->id, current_thread()->task->name,
				(long)number);
			result = KERN_INVALID_ARGUMENT;
			break;
		}
	}
	frame->rax = (uint64_t)result;
	__asm__ volatile("cli" ::: "memory");
	sched_return_to_user_checks();
}
