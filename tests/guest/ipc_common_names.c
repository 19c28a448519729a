/* Name-space snapshots for the leak checks of the in-guest IPC programs: what
 * mach_port_names reports, minus the thread's MIG reply port. */
#include "ipc_common.h"

kern_return_t ipc_snapshot_names(struct ipc_name_snapshot *snapshot)
{
	mach_port_name_array_t names = 0;
	mach_port_type_array_t types = 0;
	mach_msg_type_number_t name_count = 0, type_count = 0;
	kern_return_t result =
	    mach_port_names(mach_task_self(), &names, &name_count, &types, &type_count);
	if (result != KERN_SUCCESS)
		return result;
	mach_port_t reply_port = mig_get_reply_port();
	snapshot->count = 0;
	for (mach_msg_type_number_t i = 0; i < name_count && i < type_count; i++) {
		if (names[i] == reply_port)
			continue;
		if (snapshot->count == IPC_MAX_NAMES) {
			result = KERN_RESOURCE_SHORTAGE;
			break;
		}
		snapshot->names[snapshot->count] = names[i];
		snapshot->types[snapshot->count] = types[i];
		snapshot->count++;
	}
	(void)vm_deallocate(mach_task_self(), (vm_address_t)names, name_count * sizeof(*names));
	(void)vm_deallocate(mach_task_self(), (vm_address_t)types, type_count * sizeof(*types));
	return result;
}

static bool snapshot_has(const struct ipc_name_snapshot *snapshot, mach_port_t name,
                         mach_port_type_t type)
{
	for (unsigned i = 0; i < snapshot->count; i++) {
		if (snapshot->names[i] == name)
			return snapshot->types[i] == type;
	}
	return false;
}

bool ipc_snapshots_equal(const struct ipc_name_snapshot *before,
                         const struct ipc_name_snapshot *after)
{
	for (unsigned i = 0; i < after->count; i++) {
		if (!snapshot_has(before, after->names[i], after->types[i])) {
			print("# name 0x%x (type 0x%x) is new\n", after->names[i], after->types[i]);
			return false;
		}
	}
	for (unsigned i = 0; i < before->count; i++) {
		if (!snapshot_has(after, before->names[i], before->types[i])) {
			print("# name 0x%x (type 0x%x) is gone or changed\n", before->names[i],
			      before->types[i]);
			return false;
		}
	}
	return true;
}
