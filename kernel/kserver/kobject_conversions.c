/* The port translations of the KERNEL_SERVER stubs (kserver_types.h): a port of
 * the right kind gives its object with a reference; anything else gives NULL,
 * which every routine answers with an error. */
#include "kserver_types.h"
#include "kobject.h"
#include "ipc/ipc_kernel.h"

task_t convert_port_to_task(ipc_port_t port)
{
	if (!IP_VALID(port))
		return TASK_NULL;
	struct task *task = ipc_port_kobject(port, KOBJECT_TASK);
	if (task)
		task_reference(task);
	return task;
}

thread_t convert_port_to_thread(ipc_port_t port)
{
	if (!IP_VALID(port))
		return THREAD_NULL;
	struct thread *thread = ipc_port_kobject(port, KOBJECT_THREAD);
	if (thread)
		thread_reference(thread);
	return thread;
}

ipc_space_t convert_port_to_space(ipc_port_t port)
{
	return convert_port_to_task(port);
}

vm_map_t convert_port_to_map(ipc_port_t port)
{
	return convert_port_to_task(port);
}

host_t convert_port_to_host(ipc_port_t port)
{
	if (!IP_VALID(port))
		return HOST_NULL;
	host_t host = ipc_port_kobject(port, KOBJECT_HOST);
	return host ? host : ipc_port_kobject(port, KOBJECT_HOST_PRIV);
}

host_t convert_port_to_host_priv(ipc_port_t port)
{
	if (!IP_VALID(port))
		return HOST_NULL;
	return ipc_port_kobject(port, KOBJECT_HOST_PRIV);
}

/* No processor or processor-set objects behind ports yet (memory objects'
 * control ports: memory_object_routines.c). */
processor_t convert_port_to_processor(ipc_port_t port)
{
	(void)port;
	return NULL;
}

processor_set_t convert_port_to_pset(ipc_port_t port)
{
	(void)port;
	return NULL;
}

processor_set_name_t convert_port_to_pset_name(ipc_port_t port)
{
	(void)port;
	return NULL;
}

void task_deallocate(task_t task)
{
	if (task)
		task_release(task);
}

void thread_deallocate(thread_t thread)
{
	if (thread)
		thread_release(thread);
}

void space_deallocate(ipc_space_t space)
{
	task_deallocate(space);
}

void vm_map_deallocate(vm_map_t map)
{
	task_deallocate(map);
}

void pset_deallocate(processor_set_t set)
{
	(void)set;
}

ipc_port_t convert_task_to_port(task_t task)
{
	if (!task)
		return IP_NULL;
	ipc_port_t port = task->self_port ? ipc_port_make_send(task->self_port) : IP_NULL;
	task_release(task);
	return port;
}

ipc_port_t convert_thread_to_port(thread_t thread)
{
	if (!thread)
		return IP_NULL;
	ipc_port_t port = thread->self_port ? ipc_port_make_send(thread->self_port) : IP_NULL;
	thread_release(thread);
	return port;
}

ipc_port_t convert_host_to_port(host_t host)
{
	return host ? ipc_port_make_send(host->name_port) : IP_NULL;
}

ipc_port_t convert_pset_to_port(processor_set_t set)
{
	(void)set;
	return IP_NULL;
}

ipc_port_t convert_pset_name_to_port(processor_set_name_t set)
{
	(void)set;
	return IP_NULL;
}
