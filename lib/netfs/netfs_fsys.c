/* lib/netfs: the control port's fsys routines — getroot (the root directory
 * for the caller's ids, open modes checked), goaway, syncfs, options. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/fsys_server.h>

kern_return_t S_fsys_getroot(fsys_t fsys, const_idarray_t gen_uids,
                             mach_msg_type_number_t gen_uidsCnt, const_idarray_t gen_gids,
                             mach_msg_type_number_t gen_gidsCnt, int flags, retry_type *do_retry,
                             path_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	(void)fsys;
	struct netfs_control *control = netfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct netfs *fs = control->fs;
	struct iohelp_identity identity;
	int error = iohelp_identity_make(&identity, gen_uids, gen_uidsCnt, gen_gids, gen_gidsCnt);
	if (error)
		return error;
	int requested = flags & HURD_O_ACCMODE;
	pthread_mutex_lock(&fs->lock);
	struct netfs_node *root = fs->root;
	int allowed =
	    netfs_allowed_access(root->stat.mode, root->stat.uid, root->stat.gid, identity.uids,
	                         identity.uid_count, identity.gids, identity.gid_count);
	struct netfs_protid *protid = NULL;
	if (fs->gone)
		error = EBADF;
	else if (requested & ~allowed)
		error = EACCES;
	else if (requested & HURD_O_WRITE)
		error = EISDIR;
	else
		error = netfs_protid_create(fs, root, NULL,
		                            flags & (HURD_O_ACCMODE | HURD_O_SETTABLE_MODES),
		                            &identity, &protid);
	pthread_mutex_unlock(&fs->lock);
	if (error)
		return error;
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	netfs_protid_answer(protid, file, filePoly);
	return 0;
}

kern_return_t S_fsys_goaway(fsys_t fsys, int flags)
{
	(void)fsys;
	struct netfs_control *control = netfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct netfs *fs = control->fs;
	pthread_mutex_lock(&fs->lock);
	int error = 0;
	if (fs->gone)
		error = EBADF;
	else if (fs->protid_count > 0 && !(flags & FSYS_GOAWAY_FORCE))
		error = EBUSY;
	else
		fs->gone = true; /* every protid now answers EBADF */
	pthread_cond_broadcast(&fs->changed);
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		ports_object_destroy_right(control);
	return error;
}

/* Blocks until fsys_goaway succeeded. */
void netfs_wait_gone(struct netfs *fs)
{
	pthread_mutex_lock(&fs->lock);
	while (!fs->gone)
		pthread_cond_wait(&fs->changed, &fs->lock);
	pthread_mutex_unlock(&fs->lock);
}

kern_return_t S_fsys_syncfs(fsys_t fsys, int wait, int do_children)
{
	(void)fsys, (void)wait, (void)do_children;
	return netfs_current_control() ? 0 : EOPNOTSUPP;
}

kern_return_t S_fsys_set_options(fsys_t fsys, const_data_t options,
                                 mach_msg_type_number_t optionsCnt, int do_children)
{
	(void)fsys, (void)do_children;
	struct netfs_control *control = netfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct netfs *fs = control->fs;
	if (!fs->config.hooks->set_options)
		return EOPNOTSUPP;
	char **vector, *copy;
	int count;
	int error = netfs_argz_split(options, optionsCnt, &vector, &count, &copy);
	if (error)
		return error;
	pthread_mutex_lock(&fs->lock);
	error = fs->config.hooks->set_options(fs, count, vector);
	pthread_mutex_unlock(&fs->lock);
	free(vector);
	free(copy);
	return error;
}

kern_return_t S_fsys_get_options(fsys_t fsys, data_t *options, mach_msg_type_number_t *optionsCnt)
{
	(void)fsys;
	struct netfs_control *control = netfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	return netfs_reply_options(control->fs, options, optionsCnt);
}
