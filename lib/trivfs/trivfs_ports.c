/* lib/trivfs: the io routines that give out ports — io_duplicate (the same
 * open), io_identity (the node's and the file system's identity ports) —
 * and io_pathconf. */
#include "trivfs_internal.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <hurd/io_server.h>

kern_return_t S_io_duplicate(io_t io_object, mach_port_t *newport,
                             mach_msg_type_name_t *newportPoly)
{
	(void)io_object;
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	struct trivfs_protid *copy;
	int error = trivfs_protid_create(protid->fs, protid->open, 0, protid->uids,
	                                 protid->uid_count, protid->gids, protid->gid_count, &copy);
	if (error)
		return error;
	*newport = ports_make_send(copy);
	*newportPoly = MACH_MSG_TYPE_MAKE_SEND;
	ports_object_release(copy);
	return 0;
}

kern_return_t S_io_identity(io_t io_object, mach_port_t *id_port, mach_msg_type_name_t *id_portPoly,
                            mach_port_t *fsys_id_port, mach_msg_type_name_t *fsys_id_portPoly,
                            uint64_t *file_number)
{
	(void)io_object;
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	*id_port = protid->fs->node_identity;
	*id_portPoly = MACH_MSG_TYPE_MAKE_SEND;
	*fsys_id_port = protid->fs->fs_identity;
	*fsys_id_portPoly = MACH_MSG_TYPE_MAKE_SEND;
	*file_number = 1;
	return 0;
}

kern_return_t S_io_pathconf(io_t io_object, int name, int *value)
{
	(void)io_object;
	if (!trivfs_current_protid())
		return EOPNOTSUPP;
	switch (name) {
	case _PC_LINK_MAX:
		*value = 1;
		return 0;
	case _PC_NAME_MAX:
		*value = 255;
		return 0;
	case _PC_PATH_MAX:
		*value = HURD_PATH_MAX;
		return 0;
	case _PC_PIPE_BUF:
		*value = PIPE_BUF;
		return 0;
	case _PC_NO_TRUNC:
		*value = 1;
		return 0;
	default:
		return EINVAL;
	}
}
