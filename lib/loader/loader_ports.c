/* The init ports of a new program (loader.h): each send right copied into the
 * task, under the caller's name when that name is free there, else under a
 * name the task's own allocation picks. */
#include "loader.h"

/* A name free in task: the kernel picks one for a receive right, which is
 * destroyed again so that the name can take the send right. */
static kern_return_t free_name_in(mach_port_t task, mach_port_t *name)
{
	kern_return_t result = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, name);
	if (result == KERN_SUCCESS)
		result = mach_port_mod_refs(task, *name, MACH_PORT_RIGHT_RECEIVE, -1);
	return result;
}

static kern_return_t copy_send_right(mach_port_t task, mach_port_t port, uint32_t *name)
{
	mach_port_t chosen = port;
	kern_return_t result = mach_port_insert_right(task, chosen, port, MACH_MSG_TYPE_COPY_SEND);
	if (result == KERN_NAME_EXISTS) {
		result = free_name_in(task, &chosen);
		if (result == KERN_SUCCESS)
			result =
			    mach_port_insert_right(task, chosen, port, MACH_MSG_TYPE_COPY_SEND);
	}
	*name = result == KERN_SUCCESS ? chosen : 0;
	return result;
}

kern_return_t loader_give_init_ports(mach_port_t task, const struct loader_program *program,
                                     uint32_t names[LOADER_INIT_PORTS_MAX])
{
	for (unsigned i = 0; i < LOADER_INIT_PORTS_MAX; i++)
		names[i] = 0;
	if (program->init_port_count > LOADER_INIT_PORTS_MAX)
		return KERN_INVALID_ARGUMENT;
	for (unsigned i = 0; program->init_ports && i < program->init_port_count; i++) {
		mach_port_t port = program->init_ports[i];
		if (!MACH_PORT_VALID(port))
			continue;
		kern_return_t result = copy_send_right(task, port, &names[i]);
		/* A port that died meanwhile is as good as none. */
		if (result == KERN_INVALID_VALUE || result == KERN_INVALID_RIGHT ||
		    result == KERN_INVALID_CAPABILITY)
			continue;
		if (result != KERN_SUCCESS)
			return result;
	}
	return KERN_SUCCESS;
}
