/* lib/trivfs: the fs routines that make sense for one node — chmod and chown
 * by the owner, utimens, set_size, statfs, sync, check_access and the file
 * system's options. */
#include "trivfs_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <hurd/fs_server.h>

/* A magic number for file_statfs' type: "trvf". */
#define TRIVFS_STATFS_TYPE 0x74727666u

kern_return_t S_file_chmod(file_t file, hurd_mode_t mode)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	error = EPERM;
	if (trivfs_is_owner(fs->config.owner, protid->identity.uids, protid->identity.uid_count)) {
		fs->config.mode = (fs->config.mode & ~07777u) | (mode & 07777u);
		error = 0;
	}
	pthread_mutex_unlock(&fs->lock);
	return error;
}

/* POSIX's rule: only root gives a file away; the owner may change its group
 * to one of the groups the owner is in. */
kern_return_t S_file_chown(file_t file, hurd_uid_t new_owner, hurd_gid_t new_group)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	bool root = trivfs_has_id(0, protid->identity.uids, protid->identity.uid_count);
	pthread_mutex_lock(&fs->lock);
	uint32_t owner = new_owner == (hurd_uid_t)-1 ? fs->config.owner : new_owner;
	uint32_t group = new_group == (hurd_gid_t)-1 ? fs->config.group : new_group;
	bool allowed =
	    root ||
	    (trivfs_is_owner(fs->config.owner, protid->identity.uids, protid->identity.uid_count) &&
	     owner == fs->config.owner &&
	     (group == fs->config.group ||
	      trivfs_has_id(group, protid->identity.gids, protid->identity.gid_count)));
	if (allowed) {
		fs->config.owner = owner;
		fs->config.group = group;
	}
	pthread_mutex_unlock(&fs->lock);
	return allowed ? 0 : EPERM;
}

/* One of file_utimens' times: "now", "leave alone" or the value. */
static int set_time(struct hurd_timespec *field, time_spec_t wanted)
{
	if (wanted.nanoseconds == HURD_UTIME_OMIT)
		return 0;
	if (wanted.nanoseconds == HURD_UTIME_NOW) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		*field = (struct hurd_timespec){.seconds = now.tv_sec, .nanoseconds = now.tv_nsec};
		return 0;
	}
	if (wanted.nanoseconds < 0 || wanted.nanoseconds >= 1000000000)
		return EINVAL;
	*field = wanted;
	return 0;
}

/* POSIX's rule: the owner (or root) sets any time; a user who may write the
 * node may set both to now. The times live as long as the server. */
kern_return_t S_file_utimens(file_t file, time_spec_t new_access_time, time_spec_t new_modify_time)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	const struct iohelp_identity *who = &protid->identity;
	bool both_now = new_access_time.nanoseconds == HURD_UTIME_NOW &&
	                new_modify_time.nanoseconds == HURD_UTIME_NOW;
	pthread_mutex_lock(&fs->lock);
	int allowed = trivfs_allowed_access(fs->config.mode, fs->config.owner, fs->config.group,
	                                    who->uids, who->uid_count, who->gids, who->gid_count);
	if (!fs->config.hooks->write)
		allowed &= ~HURD_O_WRITE;
	if (!trivfs_is_owner(fs->config.owner, who->uids, who->uid_count) &&
	    !(both_now && (allowed & HURD_O_WRITE)))
		error = EPERM;
	struct hurd_timespec access = fs->atime, modify = fs->mtime;
	if (!error)
		error = set_time(&access, new_access_time);
	if (!error)
		error = set_time(&modify, new_modify_time);
	if (!error) {
		fs->atime = access;
		fs->mtime = modify;
		(void)set_time(&fs->ctime, (time_spec_t){0, HURD_UTIME_NOW});
	}
	pthread_mutex_unlock(&fs->lock);
	return error;
}

/* One node's size is what its server says it is: a port not open for
 * writing is EBADF, a node that is no regular file EINVAL (as truncating a
 * device), and a regular file EROFS (no trivfs server resizes its node; a
 * server without a write hook cannot even be opened for writing). */
kern_return_t S_file_set_size(file_t file, hurd_off_t new_size)
{
	(void)file;
	if (new_size < 0)
		return EINVAL;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_open(HURD_O_WRITE, &protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	bool regular = S_ISREG(fs->config.mode);
	pthread_mutex_unlock(&fs->lock);
	return regular ? EROFS : EINVAL;
}

kern_return_t S_file_sync(file_t file, int wait, int omit_metadata)
{
	(void)file, (void)wait, (void)omit_metadata;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	error = fs->config.hooks->sync ? fs->config.hooks->sync(fs) : 0;
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_file_statfs(file_t file, fsys_statfsbuf_t *info)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	memset(info, 0, sizeof(*info));
	info->type = TRIVFS_STATFS_TYPE;
	info->block_size = 4096;
	info->fragment_size = 4096;
	info->files = 1;
	info->fsid = protid->fs->fs_identity;
	info->name_max = 255;
	return 0;
}

kern_return_t S_file_check_access(file_t file, int *allowed)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	*allowed = trivfs_allowed_access(fs->config.mode, fs->config.owner, fs->config.group,
	                                 protid->identity.uids, protid->identity.uid_count,
	                                 protid->identity.gids, protid->identity.gid_count);
	pthread_mutex_unlock(&fs->lock);
	if (!fs->config.hooks->write)
		*allowed &= ~HURD_O_WRITE;
	return 0;
}

kern_return_t S_file_get_fs_options(file_t file, data_t *options,
                                    mach_msg_type_number_t *optionsCnt)
{
	(void)file;
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	return trivfs_reply_options(protid->fs, options, optionsCnt);
}
