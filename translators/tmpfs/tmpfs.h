/* tmpfs: an in-memory file system on lib/netfs (the root file system for
 * now) — its state, its nodes' data, and the parts of the program. */
#ifndef WB_TMPFS_H
#define WB_TMPFS_H

#include <netfs.h>
#include "tmpfs_store.h"
#include "tmpfs_options.h"

struct tmpfs {
	struct netfs *fs;
	struct tmpfs_space space; /* under the netfs lock */
	struct tmpfs_options options;
	uint64_t node_count;
};

/* A node's data (netfs_node.data). */
struct tmpfs_node {
	struct tmpfs_dir dir;      /* directories: the entries (each holds a reference) */
	struct netfs_node *parent; /* directories: a reference; NULL once removed */
	struct tmpfs_bytes bytes;  /* regular files' contents, symbolic links' targets */
};

extern const struct netfs_hooks tmpfs_hooks;

/* Gives the root node (made by netfs) its data. */
int tmpfs_init_root(struct tmpfs *tmpfs);

/* Building the initial tree (tmpfs_archive.c uses these; lock held or not
 * serving yet): a node of mode in dir under name, with contents (files) or a
 * target (symbolic links); *result gets a reference unless NULL. An existing
 * directory is reused for a directory. */
int tmpfs_make(struct tmpfs *tmpfs, struct netfs_node *dir, const char *name, uint32_t mode,
               uint32_t uid, uint32_t gid, const char *contents, size_t length,
               struct netfs_node **result);

/* Reads the archive module whose command line's first word is name (an
 * uncompressed ustar archive, through the device master port) into the tree. */
int tmpfs_load_archive(struct tmpfs *tmpfs, const char *name);

#endif
