/* lib/netfs: the directory routines — readdir, mkdir, rmdir, unlink, link,
 * rename and mkfile, with write and search permission on the directories
 * and the sticky bit's rule. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/fs_server.h>

/* The current protid if its node is a directory the user may change (write
 * and search): returns with the lock held on success. */
static int writable_dir(const char *name, struct netfs_protid **result)
{
	if (name) {
		if (strnlen(name, HURD_STRING_MAX) >= HURD_STRING_MAX)
			return ENAMETOOLONG;
		int refused = netfs_check_entry_name(name);
		if (refused)
			return refused;
	}
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *dir = protid->open->node;
	if (!netfs_is_dir(dir))
		error = ENOTDIR;
	else if ((netfs_access(protid, dir) & (NETFS_ACCESS_WRITE | NETFS_ACCESS_EXEC)) !=
	         (NETFS_ACCESS_WRITE | NETFS_ACCESS_EXEC))
		error = EACCES;
	if (error) {
		pthread_mutex_unlock(&protid->fs->lock);
		return error;
	}
	*result = protid;
	return 0;
}

static uint32_t new_owner(const struct netfs_protid *protid)
{
	return protid->identity.uids[0];
}

static uint32_t new_group(const struct netfs_protid *protid, const struct netfs_node *dir)
{
	return protid->identity.gid_count ? protid->identity.gids[0] : dir->stat.gid;
}

kern_return_t S_dir_readdir(file_t dir, data_t *data, mach_msg_type_number_t *dataCnt, int entry,
                            int nentries, vm_size_t bufsiz, int *amount)
{
	(void)dir;
	if (entry < 0)
		return EINVAL;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	struct netfs_buffer out = {0};
	if (!netfs_is_dir(node))
		error = ENOTDIR;
	else if (!(netfs_access(protid, node) & NETFS_ACCESS_READ))
		error = EACCES;
	else
		error = fs->config.hooks->readdir(fs, node, entry, nentries, bufsiz, &out, amount);
	if (!error)
		netfs_node_touch(node, "a");
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = netfs_reply_bytes(out.data, out.length, data, dataCnt);
	netfs_buffer_free(&out);
	return error;
}

kern_return_t S_dir_mkdir(file_t directory, const_string_t name, hurd_mode_t mode)
{
	(void)directory;
	struct netfs_protid *protid;
	int error = writable_dir(name, &protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *dir = protid->open->node, *node = NULL;
	if (protid->identity.uid_count == 0)
		error = EPERM;
	else if (!fs->config.hooks->create)
		error = EROFS;
	else
		error = fs->config.hooks->create(fs, dir, name, S_IFDIR | (mode & 07777),
		                                 new_owner(protid), new_group(protid, dir), &node);
	if (!error) {
		netfs_node_touch(dir, "mc");
		netfs_node_release(node);
	}
	pthread_mutex_unlock(&fs->lock);
	return error;
}

/* rmdir and unlink: the entry must exist and the sticky bit allow it. */
static kern_return_t remove_entry(const char *name, bool directory)
{
	struct netfs_protid *protid;
	int error = writable_dir(name, &protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *dir = protid->open->node, *node;
	error = fs->config.hooks->lookup(fs, dir, name, &node);
	if (!error) {
		if (!netfs_may_delete(dir->stat.mode, dir->stat.uid, node->stat.uid,
		                      protid->identity.uids, protid->identity.uid_count))
			error = EPERM;
		netfs_node_release(node);
	}
	if (!error)
		error = fs->config.hooks->unlink
		            ? fs->config.hooks->unlink(fs, dir, name, directory)
		            : EROFS;
	if (!error)
		netfs_node_touch(dir, "mc");
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_dir_rmdir(file_t directory, const_string_t name)
{
	(void)directory;
	return remove_entry(name, true);
}

kern_return_t S_dir_unlink(file_t directory, const_string_t name)
{
	(void)directory;
	return remove_entry(name, false);
}

kern_return_t S_dir_link(file_t directory, file_t file, const_string_t name, int excl)
{
	(void)directory;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &netfs_protid_class)
		return EOPNOTSUPP;
	struct netfs *fs = ((struct netfs_protid *)object)->fs;
	struct netfs_protid *target = netfs_lookup_protid(fs, file);
	if (!target)
		return EXDEV; /* not a file of this file system */
	struct netfs_protid *protid;
	int error = writable_dir(name, &protid);
	if (error) {
		ports_object_release(target);
		return error;
	}
	struct netfs_node *dir = protid->open->node, *node = target->open->node;
	if (netfs_is_dir(node))
		error = EPERM; /* no hard links to directories */
	else if (!fs->config.hooks->link)
		error = EROFS;
	else
		error = fs->config.hooks->link(fs, dir, name, node, excl != 0);
	if (!error) {
		netfs_node_touch(dir, "mc");
		netfs_node_touch(node, "c");
	}
	pthread_mutex_unlock(&fs->lock);
	ports_object_release(target);
	if (!error)
		(void)mach_port_deallocate(mach_task_self(), file);
	return error;
}

kern_return_t S_dir_rename(file_t olddirectory, const_string_t oldname, file_t newdirectory,
                           const_string_t newname, int excl)
{
	(void)olddirectory;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &netfs_protid_class)
		return EOPNOTSUPP;
	struct netfs *fs = ((struct netfs_protid *)object)->fs;
	int error = netfs_check_entry_name(newname);
	if (error)
		return error;
	struct netfs_protid *to = netfs_lookup_protid(fs, newdirectory);
	if (!to)
		return EXDEV;
	struct netfs_protid *from;
	error = writable_dir(oldname, &from);
	if (error) {
		ports_object_release(to);
		return error;
	}
	struct netfs_node *from_dir = from->open->node, *to_dir = to->open->node, *node;
	if (!netfs_is_dir(to_dir))
		error = ENOTDIR;
	else if ((netfs_access(from, to_dir) & (NETFS_ACCESS_WRITE | NETFS_ACCESS_EXEC)) !=
	         (NETFS_ACCESS_WRITE | NETFS_ACCESS_EXEC))
		error = EACCES;
	if (!error) {
		error = fs->config.hooks->lookup(fs, from_dir, oldname, &node);
		if (!error) {
			if (!netfs_may_delete(from_dir->stat.mode, from_dir->stat.uid,
			                      node->stat.uid, from->identity.uids,
			                      from->identity.uid_count))
				error = EPERM;
			netfs_node_release(node);
		}
	}
	if (!error)
		error = fs->config.hooks->rename
		            ? fs->config.hooks->rename(fs, from_dir, oldname, to_dir, newname, excl)
		            : EROFS;
	if (!error) {
		netfs_node_touch(from_dir, "mc");
		netfs_node_touch(to_dir, "mc");
	}
	pthread_mutex_unlock(&fs->lock);
	ports_object_release(to);
	if (!error)
		(void)mach_port_deallocate(mach_task_self(), newdirectory);
	return error;
}

kern_return_t S_dir_mkfile(file_t directory, int flags, hurd_mode_t mode, mach_port_t *newnode,
                           mach_msg_type_name_t *newnodePoly)
{
	(void)directory;
	struct netfs_protid *protid;
	int error = writable_dir(NULL, &protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *dir = protid->open->node, *node = NULL;
	if (protid->identity.uid_count == 0)
		error = EPERM;
	else if (!fs->config.hooks->create)
		error = EROFS;
	else
		error = fs->config.hooks->create(fs, dir, NULL, S_IFREG | (mode & 07777),
		                                 new_owner(protid), new_group(protid, dir), &node);
	struct netfs_protid *opened = NULL;
	if (!error) {
		error = netfs_protid_create(fs, node, NULL,
		                            flags & (HURD_O_ACCMODE | HURD_O_SETTABLE_MODES),
		                            &protid->identity, &opened);
		netfs_node_release(node);
	}
	pthread_mutex_unlock(&fs->lock);
	if (error)
		return error;
	netfs_protid_answer(opened, newnode, newnodePoly);
	return 0;
}
