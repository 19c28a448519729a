/* lib/netfs: the file routines of fs.defs on any node — chmod, chown,
 * utimens, set_size, statfs, sync, check_access, the fs options, and
 * file_exec (forwarded to the exec server). */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <hurd/fs_server.h>
#include <hurd/exec.h>

kern_return_t S_file_chmod(file_t file, hurd_mode_t mode)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	if (!netfs_owns(protid, node)) {
		error = EPERM;
	} else {
		/* Only root may set the sticky bit on a file that is not a directory. */
		if (!iohelp_identity_is_root(&protid->identity) && !netfs_is_dir(node))
			mode &= ~(hurd_mode_t)S_ISVTX;
		node->stat.mode = (node->stat.mode & S_IFMT) | (mode & 07777);
		netfs_node_touch(node, "c");
	}
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}

kern_return_t S_file_chown(file_t file, hurd_uid_t new_owner, hurd_gid_t new_group)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	const struct iohelp_identity *id = &protid->identity;
	bool root = iohelp_identity_is_root(id);
	bool changes_owner = new_owner != (hurd_uid_t)-1 && new_owner != node->stat.uid;
	bool changes_group = new_group != (hurd_gid_t)-1 && new_group != node->stat.gid;
	/* Root may do anything; the owner may only give the group to one of its own. */
	if (!root &&
	    (changes_owner || (changes_group && (!netfs_owns(protid, node) ||
	                                         !iohelp_identity_has_gid(id, new_group)))))
		error = EPERM;
	if (!error) {
		if (changes_owner)
			node->stat.uid = new_owner;
		if (changes_group)
			node->stat.gid = new_group;
		if (!root && (changes_owner || changes_group))
			node->stat.mode &= ~(uint32_t)(S_ISUID | S_ISGID);
		netfs_node_touch(node, "c");
	}
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}

/* One of file_utimens' times: "now", "leave alone" or the value. */
static int apply_time(struct hurd_timespec *field, time_spec_t wanted)
{
	if (wanted.nanoseconds == HURD_UTIME_OMIT)
		return 0;
	if (wanted.nanoseconds == HURD_UTIME_NOW) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		field->seconds = now.tv_sec;
		field->nanoseconds = now.tv_nsec;
		return 0;
	}
	if (wanted.nanoseconds < 0 || wanted.nanoseconds >= 1000000000)
		return EINVAL;
	*field = wanted;
	return 0;
}

kern_return_t S_file_utimens(file_t file, time_spec_t new_access_time, time_spec_t new_modify_time)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	bool both_now = new_access_time.nanoseconds == HURD_UTIME_NOW &&
	                new_modify_time.nanoseconds == HURD_UTIME_NOW;
	/* POSIX: the owner sets any time; a writer may set both to now. */
	if (!netfs_owns(protid, node) &&
	    !(both_now && (netfs_access(protid, node) & NETFS_ACCESS_WRITE)))
		error = EPERM;
	struct hurd_timespec access = node->stat.atime, modify = node->stat.mtime;
	if (!error)
		error = apply_time(&access, new_access_time);
	if (!error)
		error = apply_time(&modify, new_modify_time);
	if (!error) {
		node->stat.atime = access;
		node->stat.mtime = modify;
		netfs_node_touch(node, "c");
	}
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}

kern_return_t S_file_set_size(file_t file, hurd_off_t new_size)
{
	(void)file;
	if (new_size < 0)
		return EINVAL;
	struct netfs_protid *protid;
	int error = netfs_current_open_locked(HURD_O_WRITE, &protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	if (netfs_is_dir(node))
		error = EISDIR;
	else if ((node->stat.mode & S_IFMT) != S_IFREG)
		error = EINVAL;
	else
		error = fs->config.hooks->set_size ? fs->config.hooks->set_size(fs, node, new_size)
		                                   : EROFS;
	if (!error)
		netfs_node_touch(node, "mc");
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_file_statfs(file_t file, fsys_statfsbuf_t *info)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	memset(info, 0, sizeof(*info));
	info->block_size = info->fragment_size = 4096;
	info->name_max = NETFS_NAME_MAX;
	info->fsid = fs->fs_identity;
	if (fs->config.hooks->statfs)
		fs->config.hooks->statfs(fs, info);
	pthread_mutex_unlock(&fs->lock);
	return 0;
}

kern_return_t S_file_sync(file_t file, int wait, int omit_metadata)
{
	(void)file, (void)wait, (void)omit_metadata;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0; /* nothing of a tree server's is written anywhere but memory */
}

kern_return_t S_file_check_access(file_t file, int *allowed)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	*allowed = netfs_access(protid, protid->open->node);
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

kern_return_t S_file_get_fs_options(file_t file, data_t *options,
                                    mach_msg_type_number_t *optionsCnt)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	pthread_mutex_unlock(&protid->fs->lock);
	return netfs_reply_options(protid->fs, options, optionsCnt);
}

kern_return_t S_file_exec(file_t exec_file, mach_port_t exec_task, int flags, const_data_t argv,
                          mach_msg_type_number_t argvCnt, const_data_t envp,
                          mach_msg_type_number_t envpCnt, const_portarray_t fds,
                          mach_msg_type_number_t fdsCnt, const_portarray_t ports,
                          mach_msg_type_number_t portsCnt, const_intarray_t ints,
                          mach_msg_type_number_t intsCnt)
{
	(void)exec_file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	struct netfs_protid *opened = NULL;
	if (!MACH_PORT_VALID(fs->config.exec))
		error = EOPNOTSUPP;
	else if ((node->stat.mode & S_IFMT) != S_IFREG)
		error = EACCES;
	else if (!(netfs_access(protid, node) & NETFS_ACCESS_EXEC))
		error = EACCES;
	else
		/* The exec server reads the file through a port of its own. */
		error = netfs_protid_create(fs, node, NULL, HURD_O_READ | HURD_O_EXEC,
		                            &protid->identity, &opened);
	pthread_mutex_unlock(&fs->lock);
	if (error)
		return error;
	mach_port_t file;
	kern_return_t kr = ports_get_send_right(opened, &file);
	ports_object_release(opened);
	if (kr != KERN_SUCCESS)
		return ENOMEM;
	/* Rights are copied: on success ours go below, on failure MIG destroys
	 * the request with them. */
	kr = exec_exec(fs->config.exec, file, exec_task, flags, "", argv, argvCnt, envp, envpCnt,
	               fds, MACH_MSG_TYPE_COPY_SEND, fdsCnt, ports, MACH_MSG_TYPE_COPY_SEND,
	               portsCnt, ints, intsCnt);
	(void)mach_port_deallocate(mach_task_self(), file);
	if (kr != KERN_SUCCESS)
		return netfs_rpc_error(kr);
	for (mach_msg_type_number_t i = 0; i < fdsCnt; i++)
		if (MACH_PORT_VALID(fds[i]))
			(void)mach_port_deallocate(mach_task_self(), fds[i]);
	for (mach_msg_type_number_t i = 0; i < portsCnt; i++)
		if (MACH_PORT_VALID(ports[i]))
			(void)mach_port_deallocate(mach_task_self(), ports[i]);
	(void)mach_port_deallocate(mach_task_self(), exec_task);
	return 0;
}
