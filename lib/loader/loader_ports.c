/* The init ports and descriptors of a new program (loader.h): each send right
 * copied into the task, under the caller's name when that name is free there, else under a
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

/* Copies count send rights into task: names[i] each one's name there (0 for
 * none); names has room for max. */
static kern_return_t give_rights(mach_port_t task, const mach_port_t *ports, unsigned count,
                                 uint32_t *names, unsigned max)
{
	for (unsigned i = 0; i < max; i++)
		names[i] = 0;
	if (count > max)
		return KERN_INVALID_ARGUMENT;
	for (unsigned i = 0; ports && i < count; i++) {
		mach_port_t port = ports[i];
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

kern_return_t loader_give_init_ports(mach_port_t task, const struct loader_program *program,
                                     uint32_t names[LOADER_INIT_PORTS_MAX])
{
	return give_rights(task, program->init_ports, program->init_port_count, names,
	                   LOADER_INIT_PORTS_MAX);
}

kern_return_t loader_give_fds(mach_port_t task, const struct loader_program *program,
                              uint32_t names[LOADER_FDS_MAX])
{
	return give_rights(task, program->fds, program->fd_count, names, LOADER_FDS_MAX);
}
