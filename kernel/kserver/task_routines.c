/* mach.defs, the task routines: create (with the emulation vector, D4),
 * terminate, suspend/resume, info, thread list, special ports. */
#include "kserver_types.h"
#include "mach_server.h"
#include "gnumach_server.h"
#include "kobject.h"
#include "emulation.h"
#include "ipc/ipc_kernel.h"
#include "kern/thread.h"
#include "kern/spinlock.h"
#include "../vm/vm_map.h" /* past the shim of the same name */
#include "lib/kstring.h"
#include <mach/task_info.h>
#include <mach/task_special_ports.h>

kern_return_t task_create(task_t target_task, boolean_t inherit_memory, task_t *child_task)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	/* Not waitable: a Mach task lives while it has threads or is not
	 * terminated, and its struct while ports or routines refer to it. */
	struct task *child = task_create_child(target_task, target_task->name, false);
	if (!child)
		return KERN_RESOURCE_SHORTAGE;
	/* The emulator comes along whether or not the memory does (as in Mach 3);
	 * a boot module started as a task is a new program and starts without. */
	if (!emulation_inherit(child, target_task)) {
		task_discard(child);
		return KERN_RESOURCE_SHORTAGE;
	}
	/* Inherited memory: each region shared, copied on write or left out, as
	 * its inheritance says. */
	if (inherit_memory && vm_map_fork(target_task->map, child->map) != KERN_SUCCESS) {
		task_discard(child);
		return KERN_RESOURCE_SHORTAGE;
	}
	/* A reference for the caller, consumed by the reply's port translation. */
	task_reference(child);
	*child_task = child;
	return KERN_SUCCESS;
}

kern_return_t task_terminate(task_t target_task)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	task_terminate_with_status(target_task, 0);
	return KERN_SUCCESS;
}

/* Suspension of a task is a hold on each of its threads. */
static kern_return_t task_hold_threads(struct task *task, bool hold)
{
	irq_state_t state = spin_lock_irqsave(&task->lock);
	if (task->terminating) {
		spin_unlock_irqrestore(&task->lock, state);
		return KERN_INVALID_ARGUMENT;
	}
	if (!hold && task->suspend_count == 0) {
		spin_unlock_irqrestore(&task->lock, state);
		return KERN_FAILURE;
	}
	task->suspend_count += hold ? 1 : -1;
	for (struct thread *thread = task->threads; thread; thread = thread->task_next) {
		if (hold)
			thread_hold(thread);
		else
			thread_release_hold(thread);
	}
	spin_unlock_irqrestore(&task->lock, state);
	return KERN_SUCCESS;
}

kern_return_t task_suspend(task_t target_task)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	return task_hold_threads(target_task, true);
}

kern_return_t task_resume(task_t target_task)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	return task_hold_threads(target_task, false);
}

kern_return_t task_info(task_t target_task, int flavor, task_info_t task_info_out,
                        mach_msg_type_number_t *task_info_outCnt)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_BASIC_INFO: {
		if (*task_info_outCnt < TASK_BASIC_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		task_basic_info_t info = (task_basic_info_t)task_info_out;
		memset(info, 0, sizeof(*info));
		info->suspend_count = (integer_t)target_task->suspend_count;
		info->base_priority = THREAD_PRIORITY_USER;
		info->virtual_size = target_task->map ? vm_map_virtual_size(target_task->map) : 0;
		info->resident_size = target_task->space.resident_pages * 4096;
		*task_info_outCnt = TASK_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	}
	case TASK_THREAD_TIMES_INFO: {
		if (*task_info_outCnt < TASK_THREAD_TIMES_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		task_thread_times_info_t times = (task_thread_times_info_t)task_info_out;
		memset(times, 0, sizeof(*times));
		uint64_t ticks = 0;
		irq_state_t state = spin_lock_irqsave(&target_task->lock);
		for (struct thread *t = target_task->threads; t; t = t->task_next)
			ticks += t->cpu_time_ticks;
		spin_unlock_irqrestore(&target_task->lock, state);
		uint64_t microseconds = ticks * (1000000 / 100);
		times->user_time.seconds = (integer_t)(microseconds / 1000000);
		times->user_time.microseconds = (integer_t)(microseconds % 1000000);
		*task_info_outCnt = TASK_THREAD_TIMES_INFO_COUNT;
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t task_threads(task_t target_task, thread_array_t *thread_list,
                           mach_msg_type_number_t *thread_listCnt)
{
	if (!target_task)
		return KERN_INVALID_ARGUMENT;
	for (;;) {
		unsigned count = __atomic_load_n(&target_task->thread_count, __ATOMIC_ACQUIRE);
		size_t size = (count ? count : 1) * sizeof(ipc_port_t);
		ipc_port_t *ports = ipc_kernel_ool_alloc(size);
		if (!ports)
			return KERN_RESOURCE_SHORTAGE;
		irq_state_t state = spin_lock_irqsave(&target_task->lock);
		if (target_task->thread_count > count) {
			spin_unlock_irqrestore(&target_task->lock, state);
			ipc_kernel_ool_free(ports, size);
			continue;
		}
		unsigned found = 0;
		for (struct thread *t = target_task->threads; t; t = t->task_next)
			if (t->self_port && t->state != THREAD_TERMINATED)
				ports[found++] = ipc_port_make_send(t->self_port);
		spin_unlock_irqrestore(&target_task->lock, state);
		*thread_list = (thread_array_t)ports;
		*thread_listCnt = found;
		return KERN_SUCCESS;
	}
}

static ipc_port_t *special_port_slot(struct task *task, int which_port)
{
	switch (which_port) {
	case TASK_BOOTSTRAP_PORT:
		return &task->bootstrap_port;
	case TASK_EXCEPTION_PORT:
		return &task->exception_port;
	default:
		return NULL;
	}
}

kern_return_t task_get_special_port(task_t task, int which_port, ipc_port_t *special_port)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	if (which_port == TASK_KERNEL_PORT) {
		*special_port = task->self_port ? ipc_port_make_send(task->self_port) : IP_NULL;
		return KERN_SUCCESS;
	}
	ipc_port_t *slot = special_port_slot(task, which_port);
	if (!slot)
		return KERN_INVALID_ARGUMENT;
	irq_state_t state = spin_lock_irqsave(&task->lock);
	*special_port = IP_VALID(*slot) ? ipc_port_copy_send(*slot) : *slot;
	spin_unlock_irqrestore(&task->lock, state);
	return KERN_SUCCESS;
}

kern_return_t task_set_special_port(task_t task, int which_port, ipc_port_t special_port)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	ipc_port_t *slot = special_port_slot(task, which_port);
	if (!slot)
		return KERN_INVALID_ARGUMENT;
	irq_state_t state = spin_lock_irqsave(&task->lock);
	ipc_port_t previous = *slot;
	*slot = special_port;
	spin_unlock_irqrestore(&task->lock, state);
	if (IP_VALID(previous))
		ipc_port_release_send(previous);
	return KERN_SUCCESS;
}

kern_return_t task_set_name(task_t task, const_kernel_debug_name_t name)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	size_t length = strnlen(name, sizeof(task->name) - 1);
	irq_state_t state = spin_lock_irqsave(&task->lock);
	memcpy(task->name, name, length);
	task->name[length] = '\0';
	spin_unlock_irqrestore(&task->lock, state);
	return KERN_SUCCESS;
}

kern_return_t task_set_essential(task_t task, boolean_t essential)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	task->essential = essential != 0;
	return KERN_SUCCESS;
}
