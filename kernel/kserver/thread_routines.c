/* mach.defs, the thread routines: create, terminate, suspend/resume, abort and
 * info. A thread made by thread_create starts suspended with zeroed registers;
 * thread_set_state gives it somewhere to run and thread_resume starts it. */
#include "kserver_types.h"
#include "mach_server.h"
#include "kobject.h"
#include "kern/cpu.h"
#include "kern/sched.h"
#include "lib/kstring.h"
#include <mach/thread_info.h>
#include <mach/thread_special_ports.h>
#include "ipc/ipc_kernel.h"

kern_return_t thread_create(task_t parent_task, thread_t *child_thread)
{
	if (!parent_task)
		return KERN_INVALID_ARGUMENT;
	struct thread *thread = thread_create_user(parent_task, 0, 0, 0);
	if (!thread)
		return KERN_RESOURCE_SHORTAGE;
	thread->suspend_count = 1;
	thread_reference(thread); /* consumed by the reply's port translation */
	thread_start(thread);
	*child_thread = thread;
	return KERN_SUCCESS;
}

kern_return_t thread_terminate(thread_t target_thread)
{
	if (!target_thread || !target_thread->task)
		return KERN_INVALID_ARGUMENT;
	if (target_thread == current_thread())
		target_thread->terminate_requested = true;
	else
		thread_request_termination(target_thread);
	return KERN_SUCCESS;
}

kern_return_t thread_suspend(thread_t target_thread)
{
	if (!target_thread || !target_thread->task)
		return KERN_INVALID_ARGUMENT;
	return thread_hold(target_thread);
}

kern_return_t thread_resume(thread_t target_thread)
{
	if (!target_thread || !target_thread->task)
		return KERN_INVALID_ARGUMENT;
	return thread_release_hold(target_thread);
}

kern_return_t thread_abort(thread_t target_thread)
{
	if (!target_thread || !target_thread->task)
		return KERN_INVALID_ARGUMENT;
	thread_interrupt_wait(target_thread);
	return KERN_SUCCESS;
}

kern_return_t thread_info(thread_t target_thread, int flavor, thread_info_t thread_info_out,
                          mach_msg_type_number_t *thread_info_outCnt)
{
	if (!target_thread)
		return KERN_INVALID_ARGUMENT;
	if (flavor != THREAD_BASIC_INFO || *thread_info_outCnt < THREAD_BASIC_INFO_COUNT)
		return KERN_INVALID_ARGUMENT;
	thread_basic_info_t info = (thread_basic_info_t)thread_info_out;
	memset(info, 0, sizeof(*info));
	uint64_t microseconds = target_thread->cpu_time_ticks * (1000000 / SCHED_HZ);
	info->user_time.seconds = (integer_t)(microseconds / 1000000);
	info->user_time.microseconds = (integer_t)(microseconds % 1000000);
	info->base_priority = target_thread->priority;
	info->cur_priority = target_thread->priority;
	info->suspend_count = (integer_t)target_thread->suspend_count;
	switch (target_thread->state) {
	case THREAD_RUNNABLE:
		info->run_state = TH_STATE_RUNNING;
		break;
	case THREAD_WAITING:
		info->run_state = target_thread->stopped ? TH_STATE_STOPPED : TH_STATE_WAITING;
		break;
	case THREAD_TERMINATED:
		info->run_state = TH_STATE_HALTED;
		break;
	}
	*thread_info_outCnt = THREAD_BASIC_INFO_COUNT;
	return KERN_SUCCESS;
}

kern_return_t thread_get_special_port(thread_t thread, int which_port, ipc_port_t *special_port)
{
	if (!thread || !thread->task)
		return KERN_INVALID_ARGUMENT;
	switch (which_port) {
	case THREAD_KERNEL_PORT:
		*special_port = thread->self_port ? ipc_port_make_send(thread->self_port) : IP_NULL;
		return KERN_SUCCESS;
	case THREAD_EXCEPTION_PORT: {
		irq_state_t state = spin_lock_irqsave(&thread->lock);
		ipc_port_t port = thread->exception_port;
		*special_port = IP_VALID(port) ? ipc_port_copy_send(port) : port;
		spin_unlock_irqrestore(&thread->lock, state);
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t thread_set_special_port(thread_t thread, int which_port, ipc_port_t special_port)
{
	if (!thread || !thread->task || which_port != THREAD_EXCEPTION_PORT)
		return KERN_INVALID_ARGUMENT;
	irq_state_t state = spin_lock_irqsave(&thread->lock);
	ipc_port_t previous = thread->exception_port;
	thread->exception_port = special_port;
	spin_unlock_irqrestore(&thread->lock, state);
	if (IP_VALID(previous))
		ipc_port_release_send(previous);
	return KERN_SUCCESS;
}
