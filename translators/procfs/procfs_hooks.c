/* procfs's tree for lib/netfs: the root (the system files and a directory per
 * pid, listed from proc), pid directories (stat, status, cmdline, comm) and
 * their files. Every lookup makes a fresh node whose text is taken then, so
 * a vanished pid is ENOENT at once and an open file reads one snapshot. Each
 * hook runs with the netfs lock held; writes are EROFS (no write hooks). */
#include "procfs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct procfs *server(struct netfs *fs)
{
	return netfs_server(fs);
}

static struct procfs_node *data(struct netfs_node *node)
{
	return node->data;
}

/* A new node under parent (referenced), of mode and owner, with kind and pid. */
static int make_node(struct netfs *fs, struct netfs_node *parent, uint32_t mode, uint32_t uid,
                     enum procfs_kind kind, int32_t pid, struct netfs_node **result)
{
	struct procfs_node *node_data = calloc(1, sizeof(*node_data));
	if (!node_data)
		return ENOMEM;
	int error = netfs_node_create(fs, mode, uid, uid, result);
	if (error) {
		free(node_data);
		return error;
	}
	node_data->kind = kind;
	node_data->pid = pid;
	node_data->parent = parent;
	netfs_node_ref(parent);
	(*result)->data = node_data;
	return 0;
}

static int lookup_file(struct netfs *fs, struct netfs_node *dir, const char *name,
                       struct netfs_node **node)
{
	int32_t pid = data(dir)->pid;
	char *text;
	size_t length;
	int error = procfs_file_text(server(fs), pid, name, &text, &length);
	if (error)
		return error;
	error = make_node(fs, dir, S_IFREG | 0444, dir->stat.uid, PROCFS_FILE, pid, node);
	if (error) {
		free(text);
		return error;
	}
	data(*node)->text = text;
	data(*node)->length = length;
	(*node)->stat.size = (int64_t)length;
	return 0;
}

static int procfs_lookup(struct netfs *fs, struct netfs_node *dir, const char *name,
                         struct netfs_node **node)
{
	int32_t pid;
	if (data(dir)->kind == PROCFS_ROOT && procfs_parse_pid(name, &pid)) {
		struct procfs_process process;
		int error = procfs_process_get(server(fs), pid, &process);
		if (error)
			return error;
		procfs_process_free(&process);
		return make_node(fs, dir, S_IFDIR | 0555, process.uid, PROCFS_PID_DIR, pid, node);
	}
	if (data(dir)->kind == PROCFS_FILE)
		return ENOTDIR;
	return lookup_file(fs, dir, name, node);
}

static int procfs_parent(struct netfs *fs, struct netfs_node *dir, struct netfs_node **parent)
{
	(void)fs;
	if (!data(dir)->parent)
		return ENOENT;
	*parent = data(dir)->parent;
	netfs_node_ref(*parent);
	return 0;
}

/* One directory record; ENOSPC once one has been given and the rest waits. */
static int add_entry(struct netfs_buffer *out, size_t size, uint64_t ino, uint32_t mode,
                     const char *name, int *done)
{
	int error = netfs_dirent_append(out, size, ino, netfs_dirent_type(mode), name);
	if (error == ENOSPC && *done > 0)
		return ENOSPC;
	if (error)
		return error == ENOSPC ? EINVAL : error;
	(*done)++;
	return 0;
}

/* Entry numbers: 0 ".", 1 "..", then the fixed files, then (the root) pids. */
static int procfs_readdir(struct netfs *fs, struct netfs_node *dir, int entry, int count,
                          size_t size, struct netfs_buffer *out, int *amount)
{
	*amount = 0;
	if (data(dir)->kind == PROCFS_FILE)
		return ENOTDIR;
	bool root = data(dir)->kind == PROCFS_ROOT;
	const char *const *files = root ? procfs_root_files : procfs_pid_files;
	size_t file_count = 0;
	while (files[file_count])
		file_count++;
	int32_t *pids = NULL;
	size_t pid_count = 0;
	if (root) {
		int error = procfs_pids(server(fs), &pids, &pid_count);
		if (error)
			return error;
	}
	size_t total = 2 + file_count + pid_count;
	int done = 0, error = 0;
	for (size_t index = entry < 0 ? 0 : (size_t)entry;
	     index < total && (count < 0 || done < count) && !error; index++) {
		char name[16];
		const char *entry_name = name;
		uint32_t mode = S_IFDIR;
		uint64_t ino = dir->stat.ino;
		if (index == 0) {
			entry_name = ".";
		} else if (index == 1) {
			entry_name = "..";
		} else if (index < 2 + file_count) {
			entry_name = files[index - 2];
			mode = S_IFREG;
			ino = 1000 + index;
		} else {
			snprintf(name, sizeof(name), "%d", (int)pids[index - 2 - file_count]);
			ino = 100000 + (uint64_t)pids[index - 2 - file_count];
		}
		error = add_entry(out, size, ino, mode, entry_name, &done);
	}
	free(pids);
	*amount = done;
	return error == ENOSPC ? 0 : error;
}

static int procfs_read(struct netfs *fs, struct netfs_node *node, int64_t offset, char *buffer,
                       size_t amount, size_t *done)
{
	(void)fs;
	*done = 0;
	if (offset < 0)
		return EINVAL;
	const struct procfs_node *file = data(node);
	if ((uint64_t)offset >= file->length)
		return 0;
	size_t left = file->length - (size_t)offset;
	*done = amount < left ? amount : left;
	memcpy(buffer, file->text + offset, *done);
	return 0;
}

static int read_only(void)
{
	return EROFS;
}

static int procfs_create(struct netfs *fs, struct netfs_node *dir, const char *name, uint32_t mode,
                         uint32_t uid, uint32_t gid, struct netfs_node **node)
{
	(void)fs, (void)dir, (void)name, (void)mode, (void)uid, (void)gid, (void)node;
	return read_only();
}

static int procfs_link(struct netfs *fs, struct netfs_node *dir, const char *name,
                       struct netfs_node *node, bool excl)
{
	(void)fs, (void)dir, (void)name, (void)node, (void)excl;
	return read_only();
}

static int procfs_unlink(struct netfs *fs, struct netfs_node *dir, const char *name, bool directory)
{
	(void)fs, (void)dir, (void)name, (void)directory;
	return read_only();
}

static int procfs_rename(struct netfs *fs, struct netfs_node *from_dir, const char *from_name,
                         struct netfs_node *to_dir, const char *to_name, bool excl)
{
	(void)fs, (void)from_dir, (void)from_name, (void)to_dir, (void)to_name, (void)excl;
	return read_only();
}

static int procfs_set_size(struct netfs *fs, struct netfs_node *node, int64_t size)
{
	(void)fs, (void)node, (void)size;
	return read_only();
}

static int procfs_make_symlink(struct netfs *fs, struct netfs_node *node, const char *target)
{
	(void)fs, (void)node, (void)target;
	return read_only();
}

static void procfs_drop(struct netfs *fs, struct netfs_node *node)
{
	(void)fs;
	struct procfs_node *node_data = data(node);
	if (!node_data)
		return;
	node->data = NULL;
	if (node_data->parent)
		netfs_node_release(node_data->parent);
	free(node_data->text);
	free(node_data);
}

static void procfs_statfs(struct netfs *fs, struct hurd_statfs *info)
{
	(void)fs;
	info->type = 0x9fa0; /* Linux's PROC_SUPER_MAGIC */
	info->blocks = 0;
}

const struct netfs_hooks procfs_hooks = {
    .lookup = procfs_lookup,
    .parent = procfs_parent,
    .create = procfs_create,
    .link = procfs_link,
    .unlink = procfs_unlink,
    .rename = procfs_rename,
    .readdir = procfs_readdir,
    .read = procfs_read,
    .set_size = procfs_set_size,
    .make_symlink = procfs_make_symlink,
    .drop = procfs_drop,
    .statfs = procfs_statfs,
};
