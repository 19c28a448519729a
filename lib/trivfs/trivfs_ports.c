/* lib/trivfs: the io routines that give out ports — io_reauthenticate (the
 * auth rendezvous through lib/iohelp), io_restrict_auth, io_duplicate (the
 * same open), io_identity (the node's and the file system's identity ports)
 * — and io_pathconf. */
#include "trivfs_internal.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <hurd/io_server.h>

/* lib/iohelp's thread tells the new protid who its user is. */
static void reauthenticated(void *context, int error, const struct iohelp_identity *identity)
{
	struct trivfs_protid *protid = context;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	if (error)
		protid->refused = true;
	else
		protid->identity = *identity;
	protid->pending = false;
	pthread_cond_broadcast(&fs->gone_changed);
	pthread_mutex_unlock(&fs->lock);
	if (error)
		ports_object_destroy_right(protid); /* nobody may use a port of no one */
	ports_object_release(protid);               /* the thread's reference */
}

/* The user's new port (same open, the ids the auth server vouches for) goes
 * to it through the auth server: the routine answers at once and lib/iohelp's
 * thread does the server half; requests on the new port wait for its ids. */
kern_return_t S_io_reauthenticate(io_t auth_object, mach_port_t rendezvous2)
{
	(void)auth_object;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	mach_port_t auth = fs->auth;
	pthread_mutex_unlock(&fs->lock);
	if (!MACH_PORT_VALID(auth))
		return EOPNOTSUPP; /* no auth server: the client keeps the port it has */
	mach_port_type_t type = 0;
	if (mach_port_type(mach_task_self(), auth, &type) != KERN_SUCCESS ||
	    (type & MACH_PORT_TYPE_DEAD_NAME))
		return EIO; /* the auth server is gone: nobody can vouch for the user */
	if (!MACH_PORT_VALID(rendezvous2))
		return EINVAL;
	struct iohelp_identity nobody = {0};
	struct trivfs_protid *fresh;
	error = trivfs_protid_create(fs, protid->open, 0, &nobody, &fresh);
	if (error)
		return error;
	pthread_mutex_lock(&fs->lock);
	fresh->pending = true;
	pthread_mutex_unlock(&fs->lock);
	/* The thread holds our reference until the rendezvous is over. */
	mach_port_t name = ports_make_send(fresh);
	error = iohelp_reauthenticate_async(auth, rendezvous2, name, MACH_MSG_TYPE_MAKE_SEND,
	                                    reauthenticated, fresh);
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
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct iohelp_identity identity = protid->identity;
	iohelp_identity_restrict(&identity, uids, uidsCnt, gids, gidsCnt);
	struct trivfs_protid *fresh;
	error = trivfs_protid_create(protid->fs, protid->open, 0, &identity, &fresh);
	if (error)
		return error;
	trivfs_protid_answer(fresh, new_object, new_objectPoly);
	return 0;
}

kern_return_t S_io_duplicate(io_t io_object, mach_port_t *newport,
                             mach_msg_type_name_t *newportPoly)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs_protid *copy;
	error = trivfs_protid_create(protid->fs, protid->open, 0, &protid->identity, &copy);
	if (error)
		return error;
	trivfs_protid_answer(copy, newport, newportPoly);
	return 0;
}

kern_return_t S_io_identity(io_t io_object, mach_port_t *id_port, mach_msg_type_name_t *id_portPoly,
                            mach_port_t *fsys_id_port, mach_msg_type_name_t *fsys_id_portPoly,
                            uint64_t *file_number)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
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
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
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
