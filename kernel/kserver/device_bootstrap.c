/* The bootstrap task's ports (device_bootstrap.h): the host-privileged port and
 * the device master port, made into send rights in its name space, and their
 * names as argv words. */
#include "kserver_types.h"
#include "kobject.h"
#include "device_bootstrap.h"
#include "device_object.h"
#include "ipc/ipc_kernel.h"
#include "lib/format.h"

kern_return_t device_bootstrap_give_ports(struct task *task, char *words, size_t size)
{
	if (!task->ipc_space || !host_object.privileged_port || !device_master_port())
		return KERN_FAILURE;
	mach_port_name_t host_priv, master;
	kern_return_t result = ipc_space_insert_port_right(
	    task->ipc_space, host_object.privileged_port, MACH_MSG_TYPE_MAKE_SEND, &host_priv);
	if (result != KERN_SUCCESS)
		return result;
	/* On failure the rights given so far go with the task, which is discarded. */
	result = ipc_space_insert_port_right(task->ipc_space, device_master_port(),
	                                     MACH_MSG_TYPE_MAKE_SEND, &master);
	if (result != KERN_SUCCESS)
		return result;
	int length = format_string_to(words, size, "--host-priv-port=%u --device-master-port=%u",
	                              (unsigned)host_priv, (unsigned)master);
	return length >= 0 && (size_t)length < size ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}
