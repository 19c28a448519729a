/* lib/trivfs: the control port's fsys routines — getroot (open modes checked
 * against the node's mode for the given ids), goaway, options, syncfs. */
#include "trivfs_internal.h"

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
	struct trivfs_control *control = trivfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct trivfs *fs = control->fs;
	if (flags & HURD_O_DIRECTORY)
		return ENOTDIR;
	int requested = flags & HURD_O_ACCMODE;
	pthread_mutex_lock(&fs->lock);
	int allowed = trivfs_allowed_access(fs->config.mode, fs->config.owner, fs->config.group,
	                                    gen_uids, gen_uidsCnt, gen_gids, gen_gidsCnt);
	bool gone = fs->gone;
	pthread_mutex_unlock(&fs->lock);
	if (gone)
		return EBADF;
	if (requested & ~allowed)
		return EACCES;
	if ((requested & HURD_O_WRITE) && !fs->config.hooks->write)
		return EROFS;
	struct iohelp_identity identity;
	int error = iohelp_identity_make(&identity, gen_uids, gen_uidsCnt, gen_gids, gen_gidsCnt);
	struct trivfs_protid *protid;
	if (!error)
		error = trivfs_protid_create(
		    fs, NULL, flags & (HURD_O_ACCMODE | HURD_O_SETTABLE_MODES), &identity, &protid);
	if (error)
		return error;
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	trivfs_protid_answer(protid, file, filePoly);
	return 0;
}

/* Destroys the control's and every protid's receive right: requests to
 * them fail from now on. */
static void destroy_every_port(struct trivfs *fs, struct trivfs_control *control)
{
	pthread_mutex_lock(&fs->lock);
	size_t count = fs->protid_count;
	struct trivfs_protid **protids = calloc(count ? count : 1, sizeof(*protids));
	size_t taken = 0;
	/* A protid whose last reference is gone is still listed until its clean
	 * hook takes fs->lock: it is being freed, and its right with it. */
	for (struct trivfs_protid *p = fs->protids; p && protids; p = p->next)
		if (ports_object_ref_if_live(p))
			protids[taken++] = p;
	pthread_mutex_unlock(&fs->lock);
	for (size_t i = 0; i < taken; i++) {
		ports_object_destroy_right(protids[i]);
		ports_object_release(protids[i]);
	}
	free(protids);
	ports_object_destroy_right(control);
}

kern_return_t S_fsys_goaway(fsys_t fsys, int flags)
{
	(void)fsys;
	struct trivfs_control *control = trivfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct trivfs *fs = control->fs;
	pthread_mutex_lock(&fs->lock);
	if (fs->gone || (fs->protid_count > 0 && !(flags & FSYS_GOAWAY_FORCE))) {
		int answer = fs->gone ? EBADF : EBUSY;
		pthread_mutex_unlock(&fs->lock);
		return answer;
	}
	fs->gone = true;
	fs->control = NULL;
	int error = 0;
	if (!(flags & FSYS_GOAWAY_NOSYNC) && fs->config.hooks->sync)
		error = fs->config.hooks->sync(fs);
	pthread_mutex_unlock(&fs->lock);
	destroy_every_port(fs, control);
	ports_object_release(control); /* the node's reference; the RPC holds one more */
	pthread_mutex_lock(&fs->lock);
	pthread_cond_broadcast(&fs->gone_changed);
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_fsys_syncfs(fsys_t fsys, int wait, int do_children)
{
	(void)fsys, (void)wait, (void)do_children;
	struct trivfs_control *control = trivfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct trivfs *fs = control->fs;
	pthread_mutex_lock(&fs->lock);
	int error = fs->config.hooks->sync ? fs->config.hooks->sync(fs) : 0;
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_fsys_set_options(fsys_t fsys, const_data_t options,
                                 mach_msg_type_number_t optionsCnt, int do_children)
{
	(void)fsys, (void)do_children;
	struct trivfs_control *control = trivfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	struct trivfs *fs = control->fs;
	if (!fs->config.hooks->set_options)
		return EOPNOTSUPP;
	char **vector, *copy;
	int count;
	int error = trivfs_argz_split(options, optionsCnt, &vector, &count, &copy);
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
	struct trivfs_control *control = trivfs_current_control();
	if (!control)
		return EOPNOTSUPP;
	return trivfs_reply_options(control->fs, options, optionsCnt);
}
