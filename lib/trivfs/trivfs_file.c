/* lib/trivfs: the fs routines that make sense for one node — chmod and chown
 * by the owner, statfs, check_access and the file system's options. */
#include "trivfs_internal.h"

#include <errno.h>
#include <string.h>
#include <hurd/fs_server.h>

/* A magic number for file_statfs' type: "trvf". */
#define TRIVFS_STATFS_TYPE 0x74727666u

kern_return_t S_file_chmod(file_t file, hurd_mode_t mode)
{
	(void)file;
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	int error = EPERM;
	if (trivfs_is_owner(fs->config.owner, protid->uids, protid->uid_count)) {
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
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	struct trivfs *fs = protid->fs;
	bool root = trivfs_has_id(0, protid->uids, protid->uid_count);
	pthread_mutex_lock(&fs->lock);
	uint32_t owner = new_owner == (hurd_uid_t)-1 ? fs->config.owner : new_owner;
	uint32_t group = new_group == (hurd_gid_t)-1 ? fs->config.group : new_group;
	bool allowed =
	    root ||
	    (trivfs_is_owner(fs->config.owner, protid->uids, protid->uid_count) &&
	     owner == fs->config.owner &&
	     (group == fs->config.group || trivfs_has_id(group, protid->gids, protid->gid_count)));
	if (allowed) {
		fs->config.owner = owner;
		fs->config.group = group;
	}
	pthread_mutex_unlock(&fs->lock);
	return allowed ? 0 : EPERM;
}

kern_return_t S_file_statfs(file_t file, fsys_statfsbuf_t *info)
{
	(void)file;
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
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
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	*allowed =
	    trivfs_allowed_access(fs->config.mode, fs->config.owner, fs->config.group, protid->uids,
	                          protid->uid_count, protid->gids, protid->gid_count);
	pthread_mutex_unlock(&fs->lock);
	if (!fs->config.hooks->write)
		*allowed &= ~HURD_O_WRITE;
	return 0;
}

kern_return_t S_file_get_fs_options(file_t file, data_t *options,
                                    mach_msg_type_number_t *optionsCnt)
{
	(void)file;
	struct trivfs_protid *protid = trivfs_current_protid();
	if (!protid)
		return EOPNOTSUPP;
	return trivfs_reply_options(protid->fs, options, optionsCnt);
}
