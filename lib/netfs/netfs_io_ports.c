/* lib/netfs: the io routines that give out ports — io_reauthenticate (the
 * auth rendezvous through lib/iohelp), io_restrict_auth, io_duplicate,
 * io_identity — and io_pathconf. */
#include "netfs_internal.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <hurd/io_server.h>

/* lib/iohelp's thread tells the new protid who its user is. */
static void reauthenticated(void *context, int error, const struct iohelp_identity *identity)
{
	struct netfs_protid *protid = context;
	struct netfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	if (error)
		protid->refused = true;
	else
		protid->identity = *identity;
	protid->pending = false;
	pthread_cond_broadcast(&fs->changed);
	pthread_mutex_unlock(&fs->lock);
	if (error)
		ports_object_destroy_right(protid);
	ports_object_release(protid); /* the thread's reference */
}

kern_return_t S_io_reauthenticate(io_t auth_object, mach_port_t rendezvous2)
{
	(void)auth_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct iohelp_identity nobody = {0};
	struct netfs_protid *fresh;
	error = netfs_protid_create(fs, protid->open->node, protid->open, 0, &nobody, &fresh);
	if (!error)
		fresh->pending = true;
	pthread_mutex_unlock(&fs->lock);
	if (error)
		return error;
	/* The new port goes to the client through the auth server; the thread
	 * holds our reference until the rendezvous is over. */
	mach_port_t name = ports_make_send(fresh);
	error = iohelp_reauthenticate_async(fs->config.auth, rendezvous2, name,
	                                    MACH_MSG_TYPE_MAKE_SEND, reauthenticated, fresh);
	if (error) {
		pthread_mutex_lock(&fs->lock);
		fresh->pending = false;
		fresh->refused = true;
		pthread_mutex_unlock(&fs->lock);
		/* The make-send counted above never went out: the right dies now. */
		ports_object_destroy_right(fresh);
		ports_object_release(fresh);
		return error;
	}
	return 0;
}

kern_return_t S_io_restrict_auth(io_t io_object, mach_port_t *new_object,
                                 mach_msg_type_name_t *new_objectPoly, const_idarray_t uids,
                                 mach_msg_type_number_t uidsCnt, const_idarray_t gids,
                                 mach_msg_type_number_t gidsCnt)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct iohelp_identity identity = protid->identity;
	iohelp_identity_restrict(&identity, uids, uidsCnt, gids, gidsCnt);
	struct netfs_protid *fresh;
	error =
	    netfs_protid_create(protid->fs, protid->open->node, protid->open, 0, &identity, &fresh);
	pthread_mutex_unlock(&protid->fs->lock);
	if (error)
		return error;
	netfs_protid_answer(fresh, new_object, new_objectPoly);
	return 0;
}

kern_return_t S_io_duplicate(io_t io_object, mach_port_t *newport,
                             mach_msg_type_name_t *newportPoly)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_protid *fresh;
	error = netfs_protid_create(protid->fs, protid->open->node, protid->open, 0,
	                            &protid->identity, &fresh);
	pthread_mutex_unlock(&protid->fs->lock);
	if (error)
		return error;
	netfs_protid_answer(fresh, newport, newportPoly);
	return 0;
}

kern_return_t S_io_identity(io_t io_object, mach_port_t *id_port, mach_msg_type_name_t *id_portPoly,
                            mach_port_t *fsys_id_port, mach_msg_type_name_t *fsys_id_portPoly,
                            uint64_t *file_number)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	if (!MACH_PORT_VALID(node->identity_port) &&
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &node->identity_port) !=
	        KERN_SUCCESS) {
		node->identity_port = MACH_PORT_NULL;
		error = ENOMEM;
	}
	if (!error) {
		*id_port = node->identity_port;
		*id_portPoly = MACH_MSG_TYPE_MAKE_SEND;
		*fsys_id_port = protid->fs->fs_identity;
		*fsys_id_portPoly = MACH_MSG_TYPE_MAKE_SEND;
		*file_number = node->stat.ino;
	}
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}

kern_return_t S_io_pathconf(io_t io_object, int name, int *value)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	pthread_mutex_unlock(&protid->fs->lock);
	switch (name) {
	case _PC_LINK_MAX:
		*value = 65000;
		return 0;
	case _PC_NAME_MAX:
		*value = NETFS_NAME_MAX;
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
	case _PC_CHOWN_RESTRICTED:
		*value = 1;
		return 0;
	default:
		return EINVAL;
	}
}
