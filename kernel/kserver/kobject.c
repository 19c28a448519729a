/* Kernel objects' ports: the host's two ports, and each task's and thread's
 * kernel port and IPC state, made when the object is created and destroyed
 * when it ends (through the hooks of kern/task.c and kern/thread.c). */
#include "kserver_types.h"
#include "kobject.h"
#include "emulation.h"
#include "ipc/ipc_kernel.h"
#include "dev/console.h"

struct host host_object;

static bool task_ports_create(struct task *task, struct task *parent)
{
	task->ipc_space = ipc_space_create();
	if (!task->ipc_space)
		return false;
	task->self_port = ipc_kobject_port_create(task, KOBJECT_TASK);
	if (!task->self_port) {
		ipc_space_destroy(task->ipc_space);
		task->ipc_space = NULL;
		return false;
	}
	/* Mach: a new task inherits its parent's bootstrap port. */
	if (parent) {
		irq_state_t state = spin_lock_irqsave(&parent->lock);
		if (IP_VALID(parent->bootstrap_port))
			task->bootstrap_port = ipc_port_copy_send(parent->bootstrap_port);
		spin_unlock_irqrestore(&parent->lock, state);
	}
	new_task_notify(task, parent);
	return true;
}

static void task_ports_destroy(struct task *task)
{
	if (task->self_port) {
		ipc_kobject_port_destroy(task->self_port);
		task->self_port = NULL;
	}
	irq_state_t state = spin_lock_irqsave(&task->lock);
	ipc_port_t bootstrap = task->bootstrap_port, exception = task->exception_port;
	task->bootstrap_port = task->exception_port = NULL;
	spin_unlock_irqrestore(&task->lock, state);
	if (IP_VALID(bootstrap))
		ipc_port_release_send(bootstrap);
	if (IP_VALID(exception))
		ipc_port_release_send(exception);
	if (task->ipc_space) {
		ipc_space_destroy(task->ipc_space);
		task->ipc_space = NULL;
	}
	emulation_release(task);
}

static bool thread_ports_create(struct thread *thread)
{
	thread->ipc = ipc_thread_create();
	if (!thread->ipc)
		return false;
	ipc_thread_set_owner(thread->ipc, thread);
	thread->self_port = ipc_kobject_port_create(thread, KOBJECT_THREAD);
	if (!thread->self_port) {
		ipc_thread_destroy(thread->ipc);
		thread->ipc = NULL;
		return false;
	}
	return true;
}

static void thread_ports_destroy(struct thread *thread)
{
	if (thread->self_port) {
		ipc_kobject_port_destroy(thread->self_port);
		thread->self_port = NULL;
	}
	if (IP_VALID(thread->exception_port))
		ipc_port_release_send(thread->exception_port);
	thread->exception_port = NULL;
	if (thread->ipc) {
		ipc_thread_destroy(thread->ipc);
		thread->ipc = NULL;
	}
}

void kobject_system_init(void)
{
	host_object.name_port = ipc_kobject_port_create(&host_object, KOBJECT_HOST);
	host_object.privileged_port = ipc_kobject_port_create(&host_object, KOBJECT_HOST_PRIV);
	if (!host_object.name_port || !host_object.privileged_port)
		panic("kobject: no memory for the host ports");
	task_create_hook = task_ports_create;
	task_end_hook = task_ports_destroy;
	thread_create_hook = thread_ports_create;
	thread_end_hook = thread_ports_destroy;
}
