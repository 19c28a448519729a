/* tmpfs: the tree behind lib/netfs's hooks — lookup, parents, creation,
 * links, removal, rename, readdir, file contents, symbolic links, statfs
 * and options. Each runs with the netfs lock held. */
#include "tmpfs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct tmpfs *server(struct netfs *fs)
{
	return netfs_server(fs);
}

static struct tmpfs_node *data(struct netfs_node *node)
{
	return node->data;
}

static int tmpfs_lookup(struct netfs *fs, struct netfs_node *dir, const char *name,
                        struct netfs_node **node)
{
	(void)fs;
	struct tmpfs_entry *entry = tmpfs_dir_find(&data(dir)->dir, name);
	if (!entry)
		return ENOENT;
	*node = entry->node;
	netfs_node_ref(*node);
	return 0;
}

static int tmpfs_parent(struct netfs *fs, struct netfs_node *dir, struct netfs_node **parent)
{
	(void)fs;
	if (!data(dir)->parent)
		return ENOENT; /* removed */
	*parent = data(dir)->parent;
	netfs_node_ref(*parent);
	return 0;
}

/* Enters node as name in dir (the entry takes a reference). */
static int enter(struct tmpfs *tmpfs, struct netfs_node *dir, const char *name,
                 struct netfs_node *node)
{
	int error = tmpfs_dir_add(&data(dir)->dir, &tmpfs->space, name, node);
	if (error)
		return error;
	netfs_node_ref(node);
	if (S_ISDIR(node->stat.mode)) {
		data(node)->parent = dir;
		netfs_node_ref(dir);
		dir->stat.nlink++;
	} else {
		node->stat.nlink++;
	}
	return 0;
}

/* Takes node's entry name out of dir and drops the entry's reference. */
static void leave(struct tmpfs *tmpfs, struct netfs_node *dir, const char *name,
                  struct netfs_node *node)
{
	tmpfs_dir_remove(&data(dir)->dir, &tmpfs->space, name);
	if (S_ISDIR(node->stat.mode)) {
		dir->stat.nlink--;
		node->stat.nlink = 0;
		struct netfs_node *parent = data(node)->parent;
		data(node)->parent = NULL;
		if (parent)
			netfs_node_release(parent);
	} else {
		node->stat.nlink--;
	}
	netfs_node_touch(node, "c");
	netfs_node_release(node);
}

static int tmpfs_create(struct netfs *fs, struct netfs_node *dir, const char *name, uint32_t mode,
                        uint32_t uid, uint32_t gid, struct netfs_node **result)
{
	struct tmpfs *tmpfs = server(fs);
	if (name && tmpfs_dir_find(&data(dir)->dir, name))
		return EEXIST;
	int error = tmpfs_space_charge(&tmpfs->space, TMPFS_NODE_COST);
	if (error)
		return error;
	struct tmpfs_node *node_data = calloc(1, sizeof(*node_data));
	struct netfs_node *node = NULL;
	if (!node_data)
		error = ENOMEM;
	else
		error = netfs_node_create(fs, mode, uid, gid, &node);
	if (error) {
		free(node_data);
		tmpfs_space_credit(&tmpfs->space, TMPFS_NODE_COST);
		return error;
	}
	node->data = node_data;
	/* Not linked anywhere yet: nlink counts entries. */
	node->stat.nlink = S_ISDIR(mode) ? 2 : 0;
	tmpfs->node_count++;
	if (name) {
		error = enter(tmpfs, dir, name, node);
		if (error) {
			netfs_node_release(node);
			return error;
		}
	}
	*result = node;
	return 0;
}

static int tmpfs_link(struct netfs *fs, struct netfs_node *dir, const char *name,
                      struct netfs_node *node, bool excl)
{
	struct tmpfs *tmpfs = server(fs);
	struct tmpfs_entry *existing = tmpfs_dir_find(&data(dir)->dir, name);
	if (existing) {
		if (excl)
			return EEXIST;
		struct netfs_node *old = existing->node;
		if (old == node)
			return 0;
		if (S_ISDIR(old->stat.mode))
			return EISDIR;
		leave(tmpfs, dir, name, old);
	}
	return enter(tmpfs, dir, name, node);
}

static int tmpfs_unlink(struct netfs *fs, struct netfs_node *dir, const char *name, bool directory)
{
	struct tmpfs *tmpfs = server(fs);
	struct tmpfs_entry *entry = tmpfs_dir_find(&data(dir)->dir, name);
	if (!entry)
		return ENOENT;
	struct netfs_node *node = entry->node;
	bool is_dir = S_ISDIR(node->stat.mode);
	if (directory && !is_dir)
		return ENOTDIR;
	if (!directory && is_dir)
		return EISDIR;
	if (is_dir && data(node)->dir.count > 0)
		return ENOTEMPTY;
	leave(tmpfs, dir, name, node);
	return 0;
}

/* Whether dir is node or lies below it. */
static bool inside(struct netfs_node *dir, struct netfs_node *node)
{
	for (struct netfs_node *at = dir; at; at = data(at)->parent)
		if (at == node)
			return true;
	return false;
}

static int tmpfs_rename(struct netfs *fs, struct netfs_node *from_dir, const char *from_name,
                        struct netfs_node *to_dir, const char *to_name, bool excl)
{
	struct tmpfs *tmpfs = server(fs);
	struct tmpfs_entry *source = tmpfs_dir_find(&data(from_dir)->dir, from_name);
	if (!source)
		return ENOENT;
	struct netfs_node *node = source->node;
	bool is_dir = S_ISDIR(node->stat.mode);
	if (is_dir && inside(to_dir, node))
		return EINVAL;
	struct tmpfs_entry *target = tmpfs_dir_find(&data(to_dir)->dir, to_name);
	if (target) {
		struct netfs_node *old = target->node;
		if (excl)
			return EEXIST;
		if (old == node)
			return 0;
		if (is_dir && !S_ISDIR(old->stat.mode))
			return ENOTDIR;
		if (!is_dir && S_ISDIR(old->stat.mode))
			return EISDIR;
		if (S_ISDIR(old->stat.mode) && data(old)->dir.count > 0)
			return ENOTEMPTY;
	}
	if (target)
		leave(tmpfs, to_dir, to_name, target->node);
	/* The entry's reference moves from the old name to the new one. */
	int error = tmpfs_dir_add(&data(to_dir)->dir, &tmpfs->space, to_name, node);
	if (error)
		return error;
	tmpfs_dir_remove(&data(from_dir)->dir, &tmpfs->space, from_name);
	if (is_dir && from_dir != to_dir) {
		from_dir->stat.nlink--;
		to_dir->stat.nlink++;
		netfs_node_ref(to_dir);
		netfs_node_release(data(node)->parent);
		data(node)->parent = to_dir;
	}
	netfs_node_touch(node, "c");
	return 0;
}

static int tmpfs_readdir(struct netfs *fs, struct netfs_node *dir, int entry, int count,
                         size_t size, struct netfs_buffer *out, int *amount)
{
	(void)fs;
	const struct tmpfs_dir *entries = &data(dir)->dir;
	size_t total = entries->count + 2;
	int done = 0;
	for (size_t index = (size_t)entry; index < total && (count < 0 || done < count); index++) {
		const char *name;
		const struct netfs_node *node;
		if (index == 0) {
			name = ".";
			node = dir;
		} else if (index == 1) {
			name = "..";
			node = data(dir)->parent ? data(dir)->parent : dir;
		} else {
			name = entries->entries[index - 2].name;
			node = entries->entries[index - 2].node;
		}
		int error = netfs_dirent_append(out, size, node->stat.ino,
		                                netfs_dirent_type(node->stat.mode), name);
		if (error == ENOSPC && done > 0)
			break; /* the buffer is full: the rest next time */
		if (error)
			return error == ENOSPC ? EINVAL : error; /* not even one fits */
		done++;
	}
	*amount = done;
	return 0;
}

static int tmpfs_read(struct netfs *fs, struct netfs_node *node, int64_t offset, char *buffer,
                      size_t amount, size_t *done)
{
	(void)fs;
	if (offset < 0)
		return EINVAL;
	tmpfs_bytes_read(&data(node)->bytes, offset, buffer, amount, done);
	return 0;
}

static int tmpfs_write(struct netfs *fs, struct netfs_node *node, int64_t offset, const char *bytes,
                       size_t amount, size_t *done)
{
	int error =
	    tmpfs_bytes_write(&data(node)->bytes, &server(fs)->space, offset, bytes, amount);
	*done = error ? 0 : amount;
	node->stat.size = (int64_t)data(node)->bytes.size;
	return error;
}

static int tmpfs_set_size(struct netfs *fs, struct netfs_node *node, int64_t size)
{
	int error = tmpfs_bytes_set_size(&data(node)->bytes, &server(fs)->space, size);
	node->stat.size = (int64_t)data(node)->bytes.size;
	return error;
}

static int tmpfs_readlink(struct netfs *fs, struct netfs_node *node, char *target, size_t size)
{
	(void)fs;
	const struct tmpfs_bytes *bytes = &data(node)->bytes;
	if (!S_ISLNK(node->stat.mode))
		return EINVAL;
	if (bytes->size + 1 > size)
		return ENAMETOOLONG;
	memcpy(target, bytes->data, bytes->size);
	target[bytes->size] = '\0';
	return 0;
}

static int tmpfs_make_symlink(struct netfs *fs, struct netfs_node *node, const char *target)
{
	if (!S_ISREG(node->stat.mode) || node->stat.size != 0)
		return EINVAL;
	size_t length = strlen(target);
	if (length == 0 || length >= HURD_PATH_MAX)
		return EINVAL;
	int error = tmpfs_bytes_write(&data(node)->bytes, &server(fs)->space, 0, target, length);
	if (error)
		return error;
	node->stat.mode = S_IFLNK | 0777;
	node->stat.size = (int64_t)length;
	return 0;
}

static void tmpfs_drop(struct netfs *fs, struct netfs_node *node)
{
	struct tmpfs *tmpfs = server(fs);
	struct tmpfs_node *node_data = data(node);
	if (!node_data)
		return;
	/* Entries left only in a directory that is itself going (not reachable). */
	for (size_t i = 0; i < node_data->dir.count; i++)
		netfs_node_release(node_data->dir.entries[i].node);
	tmpfs_dir_free(&node_data->dir, &tmpfs->space);
	tmpfs_bytes_free(&node_data->bytes, &tmpfs->space);
	if (node_data->parent)
		netfs_node_release(node_data->parent);
	free(node_data);
	node->data = NULL;
	tmpfs_space_credit(&tmpfs->space, TMPFS_NODE_COST);
	tmpfs->node_count--;
}

static void tmpfs_statfs(struct netfs *fs, struct hurd_statfs *info)
{
	struct tmpfs *tmpfs = server(fs);
	info->type = 0x01021994; /* Linux's TMPFS_MAGIC */
	uint64_t limit = tmpfs->space.limit ? tmpfs->space.limit : tmpfs->space.used + (1ull << 30);
	info->blocks = limit / info->block_size;
	info->blocks_free = info->blocks_available = (limit - tmpfs->space.used) / info->block_size;
	info->files = tmpfs->node_count + (limit - tmpfs->space.used) / TMPFS_NODE_COST;
	info->files_free = info->files - tmpfs->node_count;
}

static int tmpfs_set_options(struct netfs *fs, int argc, char **argv)
{
	struct tmpfs *tmpfs = server(fs);
	struct tmpfs_options changed = tmpfs->options;
	int error = tmpfs_options_apply(&changed, argc, argv, true);
	if (error)
		return error;
	if (changed.size_limit && changed.size_limit < tmpfs->space.used)
		return EBUSY; /* more than that is in use now */
	tmpfs->options = changed;
	tmpfs->space.limit = changed.size_limit;
	return 0;
}

static int tmpfs_get_options(struct netfs *fs, struct netfs_buffer *argz)
{
	return tmpfs_options_describe(&server(fs)->options, argz);
}

const struct netfs_hooks tmpfs_hooks = {
    .lookup = tmpfs_lookup,
    .parent = tmpfs_parent,
    .create = tmpfs_create,
    .link = tmpfs_link,
    .unlink = tmpfs_unlink,
    .rename = tmpfs_rename,
    .readdir = tmpfs_readdir,
    .read = tmpfs_read,
    .write = tmpfs_write,
    .set_size = tmpfs_set_size,
    .readlink = tmpfs_readlink,
    .make_symlink = tmpfs_make_symlink,
    .drop = tmpfs_drop,
    .statfs = tmpfs_statfs,
    .set_options = tmpfs_set_options,
    .get_options = tmpfs_get_options,
};

int tmpfs_init_root(struct tmpfs *tmpfs)
{
	struct netfs_node *root = netfs_root(tmpfs->fs);
	root->data = calloc(1, sizeof(struct tmpfs_node));
	if (!root->data)
		return ENOMEM;
	tmpfs->node_count = 1;
	return tmpfs_space_charge(&tmpfs->space, TMPFS_NODE_COST);
}

int tmpfs_make(struct tmpfs *tmpfs, struct netfs_node *dir, const char *name, uint32_t mode,
               uint32_t uid, uint32_t gid, const char *contents, size_t length,
               struct netfs_node **result)
{
	struct netfs *fs = tmpfs->fs;
	struct tmpfs_entry *existing = tmpfs_dir_find(&data(dir)->dir, name);
	if (existing) {
		struct netfs_node *node = existing->node;
		if (!S_ISDIR(mode) || !S_ISDIR(node->stat.mode))
			return EEXIST;
		node->stat.mode = mode;
		node->stat.uid = uid;
		node->stat.gid = gid;
		if (result) {
			netfs_node_ref(node);
			*result = node;
		}
		return 0;
	}
	struct netfs_node *node;
	int error =
	    tmpfs_create(fs, dir, name, S_ISLNK(mode) ? (S_IFREG | 0777) : mode, uid, gid, &node);
	if (error)
		return error;
	if (S_ISLNK(mode)) {
		char *target = strndup(contents, length);
		error = target ? tmpfs_make_symlink(fs, node, target) : ENOMEM;
		free(target);
	} else if (S_ISREG(mode) && length > 0) {
		size_t done;
		error = tmpfs_write(fs, node, 0, contents, length, &done);
	}
	if (error) {
		leave(tmpfs, dir, name, node);
		netfs_node_release(node);
		return error;
	}
	if (result)
		*result = node;
	else
		netfs_node_release(node);
	return 0;
}
