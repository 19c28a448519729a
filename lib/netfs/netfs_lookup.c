/* lib/netfs: dir_lookup by the lookup contract (D5) — components walked in
 * the tree, ".." to the parent or MAGICAL at the root, symbolic links
 * followed (absolute ones MAGICAL), HURD_O_CREAT/EXCL/NOLINK/NOTRANS, and
 * translators crossed with fsys_getroot and FS_RETRY_REAUTH. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/fs_server.h>

/* What one lookup carries along. */
struct lookup {
	struct netfs *fs;
	struct netfs_protid *dircred;
	int flags;
	retry_type *do_retry;
	char *retry_name;
	mach_port_t *result;
	mach_msg_type_name_t *result_type;
};

/* fshelp's hook: the port a starting translator gets as the node under it,
 * with the owner's identity (lock held). */
struct realnode_context {
	struct netfs *fs;
	struct netfs_node *node;
};

static int make_realnode(void *opaque, mach_port_t *realnode, int *flags)
{
	struct realnode_context *context = opaque;
	struct netfs_node *node = context->node;
	struct iohelp_identity owner;
	int error = iohelp_identity_make(&owner, &node->stat.uid, 1, &node->stat.gid, 1);
	if (error)
		return error;
	int allowed = netfs_allowed_access(node->stat.mode, node->stat.uid, node->stat.gid,
	                                   owner.uids, 1, owner.gids, 1);
	int modes = allowed & (HURD_O_READ | HURD_O_WRITE);
	if (netfs_is_dir(node))
		modes &= ~HURD_O_WRITE;
	*flags = modes;
	struct netfs_protid *protid;
	error = netfs_protid_create(context->fs, node, NULL, modes, &owner, &protid);
	if (error)
		return error;
	kern_return_t kr = ports_get_send_right(protid, realnode);
	ports_object_release(protid); /* the send right keeps it */
	return kr == KERN_SUCCESS ? 0 : ENOMEM;
}

static bool translator_is_gone(kern_return_t kr)
{
	return kr == MACH_SEND_INVALID_DEST || kr == MIG_SERVER_DIED || kr == MACH_RCV_PORT_DIED ||
	       kr == MACH_SEND_INVALID_RIGHT;
}

/* cross_translator's answer when the node's active translator turned out
 * dead and it has no passive one: the node is a plain node again. */
#define NO_TRANSLATOR (-1)

/* Crosses node's translator (lock held, dropped during the RPCs): the
 * answer is its root from fsys_getroot with the looker's ids, REAUTH, and
 * rest after whatever name the translator gave back. */
static int cross_translator(struct lookup *lookup, struct netfs_node *node, const char *rest,
                            bool last)
{
	struct netfs *fs = lookup->fs;
	struct realnode_context context = {fs, node};
	struct fshelp_owner owner = {node->stat.uid, node->stat.gid, make_realnode, &context};
	const struct iohelp_identity *id = &lookup->dircred->identity;
	int flags = last ? lookup->flags & ~(HURD_O_CREAT | HURD_O_EXCL) : 0;
	char *root_name = malloc(HURD_PATH_MAX);
	if (!root_name)
		return ENOMEM;
	retry_type retry = FS_RETRY_NORMAL;
	mach_port_t root = MACH_PORT_NULL;
	int error = 0;
	/* A second attempt only when the first found a dead translator: a passive
	 * one is then started again. */
	for (int attempt = 0; attempt < 2; attempt++) {
		mach_port_t control;
		error = fshelp_fetch_control(fs->fshelp, &node->translator, &owner, &control);
		if (error == ENXIO && !fshelp_translator_present(&node->translator)) {
			/* Its active translator died before the dead-name notification
			 * was handled, and it has no passive one: a plain node again. */
			error = NO_TRANSLATOR;
		}
		if (error)
			break;
		pthread_mutex_unlock(&fs->lock);
		root_name[0] = '\0';
		kern_return_t kr =
		    fshelp_getroot(fs->fshelp, control, id->uids, id->uid_count, id->gids,
		                   id->gid_count, flags, &retry, root_name, &root);
		pthread_mutex_lock(&fs->lock);
		if (translator_is_gone(kr)) {
			fshelp_forget_control(fs->fshelp, &node->translator, control);
			(void)mach_port_deallocate(mach_task_self(), control);
			error = ENXIO;
			if (node->translator.passive_length > 0)
				continue; /* start it again */
			if (!fshelp_translator_present(&node->translator))
				error = NO_TRANSLATOR;
			break;
		}
		(void)mach_port_deallocate(mach_task_self(), control);
		error = kr == KERN_SUCCESS ? 0 : netfs_rpc_error(kr);
		break;
	}
	if (!error) {
		root_name[HURD_PATH_MAX - 1] = '\0';
		error = netfs_join_path(lookup->retry_name, HURD_PATH_MAX, root_name, rest);
		if (error)
			(void)mach_port_deallocate(mach_task_self(), root);
	}
	free(root_name);
	if (error)
		return error;
	*lookup->do_retry = retry == FS_RETRY_NORMAL ? FS_RETRY_REAUTH : retry;
	*lookup->result = root;
	*lookup->result_type = MACH_MSG_TYPE_MOVE_SEND;
	return 0;
}

/* The client's business from here on: MAGICAL with name, then rest. */
static int answer_magical(struct lookup *lookup, const char *name, const char *rest)
{
	int error = netfs_join_path(lookup->retry_name, HURD_PATH_MAX, name, rest);
	if (error)
		return error;
	*lookup->do_retry = FS_RETRY_MAGICAL;
	*lookup->result = MACH_PORT_NULL;
	*lookup->result_type = MACH_MSG_TYPE_COPY_SEND;
	return 0;
}

/* The lookup ended at node (a reference, which this consumes): open it. */
static int open_final(struct lookup *lookup, struct netfs_node *node, bool created)
{
	struct netfs *fs = lookup->fs;
	int flags = lookup->flags;
	int requested = flags & HURD_O_ACCMODE;
	int error = 0;
	if ((flags & HURD_O_DIRECTORY) && !netfs_is_dir(node))
		error = ENOTDIR;
	else if (!created && (requested & ~netfs_access(lookup->dircred, node)))
		error = EACCES;
	else if ((requested & HURD_O_WRITE) && netfs_is_dir(node))
		error = EISDIR;
	if (!error && (flags & HURD_O_TRUNC) && (requested & HURD_O_WRITE) &&
	    (node->stat.mode & S_IFMT) == S_IFREG && node->stat.size != 0) {
		error =
		    fs->config.hooks->set_size ? fs->config.hooks->set_size(fs, node, 0) : EROFS;
		if (!error)
			netfs_node_touch(node, "mc");
	}
	struct netfs_protid *protid = NULL;
	if (!error)
		error = netfs_protid_create(fs, node, NULL,
		                            flags & (HURD_O_ACCMODE | HURD_O_SETTABLE_MODES),
		                            &lookup->dircred->identity, &protid);
	netfs_node_release(node);
	if (error)
		return error;
	*lookup->do_retry = FS_RETRY_NORMAL;
	lookup->retry_name[0] = '\0';
	netfs_protid_answer(protid, lookup->result, lookup->result_type);
	return 0;
}

/* A missing last component with HURD_O_CREAT: a regular file owned by the
 * looker's first ids (the directory's group without a gid). */
static int create_file(struct lookup *lookup, struct netfs_node *dir, const char *name,
                       hurd_mode_t mode, struct netfs_node **node)
{
	struct netfs *fs = lookup->fs;
	const struct iohelp_identity *id = &lookup->dircred->identity;
	if (!(netfs_access(lookup->dircred, dir) & NETFS_ACCESS_WRITE))
		return EACCES;
	if (id->uid_count == 0)
		return EPERM; /* an anonymous user owns nothing */
	if (!fs->config.hooks->create)
		return EROFS;
	uint32_t gid = id->gid_count ? id->gids[0] : dir->stat.gid;
	int error = fs->config.hooks->create(fs, dir, name, S_IFREG | (mode & 07777), id->uids[0],
	                                     gid, node);
	if (!error)
		netfs_node_touch(dir, "mc");
	return error;
}

/* Walks path from dir (a reference, consumed); lock held. */
static int walk(struct lookup *lookup, struct netfs_node *dir, char *path, hurd_mode_t mode)
{
	struct netfs *fs = lookup->fs;
	char *scratch = malloc(HURD_PATH_MAX);
	if (!scratch) {
		netfs_node_release(dir);
		return ENOMEM;
	}
	unsigned links = 0;
	int error;
	for (;;) {
		char component[NETFS_NAME_MAX + 1];
		const char *rest;
		error = netfs_next_component(path, component, &rest);
		if (error == ENOENT) { /* nothing (more) to look up: the directory itself */
			free(scratch);
			return open_final(lookup, dir, false);
		}
		if (error)
			break;
		if (!netfs_is_dir(dir)) {
			error = ENOTDIR;
			break;
		}
		if (!(netfs_access(lookup->dircred, dir) & NETFS_ACCESS_EXEC)) {
			error = EACCES;
			break;
		}
		bool last = *rest == '\0';
		bool created = false;
		struct netfs_node *next = NULL;
		if (strcmp(component, ".") == 0) {
			next = dir;
			netfs_node_ref(next);
		} else if (strcmp(component, "..") == 0) {
			if (dir == fs->root) {
				error = answer_magical(lookup, "..", rest);
				break;
			}
			error = fs->config.hooks->parent(fs, dir, &next);
		} else {
			error = fs->config.hooks->lookup(fs, dir, component, &next);
			if (error == ENOENT && last && (lookup->flags & HURD_O_CREAT)) {
				error = create_file(lookup, dir, component, mode, &next);
				created = !error;
			} else if (!error && last &&
			           (lookup->flags & (HURD_O_CREAT | HURD_O_EXCL)) ==
			               (HURD_O_CREAT | HURD_O_EXCL)) {
				netfs_node_release(next);
				error = EEXIST;
			}
		}
		if (error)
			break;
		if (fshelp_translator_present(&next->translator) &&
		    !(last && (lookup->flags & HURD_O_NOTRANS))) {
			error = cross_translator(lookup, next, rest, last);
			if (error != NO_TRANSLATOR) {
				netfs_node_release(next);
				break;
			}
			error = 0; /* it died: the walk goes on through the plain node */
		}
		if (netfs_is_symlink(next) && !(last && (lookup->flags & HURD_O_NOLINK))) {
			char *target = scratch;
			if (++links > NETFS_SYMLINK_MAX)
				error = ELOOP;
			else
				error = fs->config.hooks->readlink(fs, next, target, HURD_PATH_MAX);
			netfs_node_release(next);
			if (error)
				break;
			if (target[0] == '/') {
				error = answer_magical(lookup, target, rest);
				break;
			}
			/* The target replaces the component; the walk goes on from dir. */
			error = netfs_join_path(target, HURD_PATH_MAX, target, rest);
			if (error)
				break;
			memcpy(path, target, strlen(target) + 1);
			continue;
		}
		netfs_node_release(dir);
		dir = next;
		if (last) {
			free(scratch);
			return open_final(lookup, dir, created);
		}
		memmove(path, rest, strlen(rest) + 1);
	}
	netfs_node_release(dir);
	free(scratch);
	return error;
}

kern_return_t S_dir_lookup(file_t start_dir, const_path_t file_name, int flags, hurd_mode_t mode,
                           retry_type *do_retry, path_t retry_name, mach_port_t *result,
                           mach_msg_type_name_t *resultPoly)
{
	(void)start_dir;
	if (strnlen(file_name, HURD_PATH_MAX) >= HURD_PATH_MAX)
		return ENAMETOOLONG;
	char *path = malloc(HURD_PATH_MAX);
	if (!path)
		return ENOMEM;
	memcpy(path, file_name, strlen(file_name) + 1);
	struct netfs_protid *dircred;
	int error = netfs_current_protid_locked(&dircred);
	if (error) {
		free(path);
		return error;
	}
	struct lookup lookup = {dircred->fs, dircred, flags,     do_retry,
	                        retry_name,  result,  resultPoly};
	struct netfs_node *dir = dircred->open->node;
	netfs_node_ref(dir);
	error = walk(&lookup, dir, path, mode);
	pthread_mutex_unlock(&dircred->fs->lock);
	free(path);
	return error;
}
