/* fork's port rights: every send right and dead name of the parent goes into
 * the child under the same name and with the same user references, so that
 * the emulator's tables the child inherits in its memory copy (descriptors,
 * root, cwd, auth, bootstrap, device master, ...) name the same objects. */
#include <mach.h>
#include "emul.h"
#include "fork.h"

static bool skipped(mach_port_t name, const mach_port_t *skip, int skip_count)
{
	for (int i = 0; i < skip_count; i++)
		if (skip[i] == name)
			return true;
	return false;
}

/* A dead name in the child, so that the name stays taken there as here. */
static kern_return_t give_dead_name(mach_port_t child, mach_port_t name, uint32_t references)
{
	kern_return_t result = mach_port_allocate_name(child, MACH_PORT_RIGHT_DEAD_NAME, name);
	if (result == KERN_SUCCESS && references > 1)
		result = mach_port_mod_refs(child, name, MACH_PORT_RIGHT_DEAD_NAME,
		                            (mach_port_delta_t)(references - 1));
	return result;
}

kern_return_t emul_fork_give_right(mach_port_t child, mach_port_t name, mach_port_t right,
                                   uint32_t references)
{
	kern_return_t result = mach_port_insert_right(child, name, right, MACH_MSG_TYPE_COPY_SEND);
	if (result == KERN_SUCCESS && references > 1)
		result = mach_port_mod_refs(child, name, MACH_PORT_RIGHT_SEND,
		                            (mach_port_delta_t)(references - 1));
	return result;
}

static kern_return_t copy_one(mach_port_t child, mach_port_t name, mach_port_type_t type)
{
	mach_port_t self = mach_task_self();
	mach_port_urefs_t references = 0;
	if ((type & MACH_PORT_TYPE_DEAD_NAME) ||
	    ((type & MACH_PORT_TYPE_SEND) && !(type & MACH_PORT_TYPE_RECEIVE))) {
		mach_port_right_t right = (type & MACH_PORT_TYPE_DEAD_NAME)
		                              ? MACH_PORT_RIGHT_DEAD_NAME
		                              : MACH_PORT_RIGHT_SEND;
		if (mach_port_get_refs(self, name, right, &references) != KERN_SUCCESS ||
		    references == 0)
			return KERN_SUCCESS; /* gone meanwhile (another thread): nothing to copy */
		if (right == MACH_PORT_RIGHT_DEAD_NAME)
			return give_dead_name(child, name, references);
		kern_return_t result = emul_fork_give_right(child, name, name, references);
		if (result == KERN_INVALID_NAME || result == KERN_INVALID_CAPABILITY ||
		    result == KERN_INVALID_RIGHT) /* the port died between the two looks */
			return give_dead_name(child, name, references);
		return result;
	}
	return KERN_SUCCESS; /* receive rights, send-once rights, port sets: the child's own */
}

kern_return_t emul_fork_copy_rights(mach_port_t child, const mach_port_t *skip, int skip_count)
{
	mach_port_t self = mach_task_self();
	mach_port_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t name_count = 0, type_count = 0;
	kern_return_t result = mach_port_names(self, &names, &name_count, &types, &type_count);
	if (result != KERN_SUCCESS)
		return result;
	for (mach_msg_type_number_t i = 0; i < name_count && i < type_count; i++) {
		if (skipped(names[i], skip, skip_count))
			continue;
		result = copy_one(child, names[i], types[i]);
		if (result != KERN_SUCCESS) {
			emul_log("fork: cannot copy the right named 0x%x (0x%x)", names[i], result);
			break;
		}
	}
	if (names)
		(void)vm_deallocate(self, (vm_address_t)names, name_count * sizeof(*names));
	if (types)
		(void)vm_deallocate(self, (vm_address_t)types, type_count * sizeof(*types));
	return result;
}
