/* gnumach.defs, served: thread_terminate_release (a thread ends and gives back
 * its stack, reply port and name in one call) and new-task notifications. */
#include "kserver_types.h"
#include "gnumach_server.h"
#include "mach_server.h"
#include "task_notify.h"
#include "emulation.h"
#include "kobject.h"
#include "ipc/ipc_kernel.h"
#include "ipc/ipc_mach_port.h"
#include "kern/cpu.h"

kern_return_t thread_terminate_release(thread_t thread, task_t task, mach_port_name_t thread_name,
                                       mach_port_name_t reply_port, vm_address_t address,
                                       vm_size_t size)
{
	if (!thread || !task || thread->task != task || !task->ipc_space)
		return KERN_INVALID_ARGUMENT;
	if (thread_name != MACH_PORT_NULL)
		ipc_mach_port_deallocate(task->ipc_space, thread_name);
	if (reply_port != MACH_PORT_NULL)
		ipc_mach_port_mod_refs(task->ipc_space, reply_port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (size != 0)
		(void)vm_deallocate(task, address, size);
	return thread_terminate(thread);
}

/* The port that hears of every new task (the proc server's, later). */
static ipc_port_t new_task_notification_port;

void new_task_notify(struct task *task, struct task *parent)
{
	ipc_port_t listener = __atomic_load_n(&new_task_notification_port, __ATOMIC_ACQUIRE);
	if (!IP_VALID(listener) || !parent || !task->self_port || !parent->self_port)
		return;
	/* task_notify.defs moves a send right to each task; a send that fails
	 * (the listener died) releases what it carried. */
	(void)mach_notify_new_task(listener, ipc_port_make_send(task->self_port),
	                           ipc_port_make_send(parent->self_port));
}

kern_return_t register_new_task_notification(host_t host_priv, ipc_port_t notification)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	if (!IP_VALID(notification))
		return KERN_INVALID_ARGUMENT;
	ipc_port_t previous =
	    __atomic_exchange_n(&new_task_notification_port, notification, __ATOMIC_ACQ_REL);
	if (IP_VALID(previous)) {
		/* Only one listener, as in GNU Mach: the first one stays. */
		__atomic_store_n(&new_task_notification_port, previous, __ATOMIC_RELEASE);
		ipc_port_release_send(notification);
		return KERN_NO_ACCESS;
	}
	return KERN_SUCCESS;
}
