/* lib/netfs: the framework of tree servers on lib/ports — refcounted nodes,
 * per-open ports ("protids": node, identity, open modes), dir_lookup by the
 * lookup contract (D5), the fs, io and fsys routines, translators on nodes
 * through lib/fshelp. The server supplies the tree through hooks. */
#ifndef WB_NETFS_H
#define WB_NETFS_H

#include <ports.h>
#include <iohelp.h>
#include <fshelp.h>
#include <hurd/hurd_types.h>
#include "netfs_logic.h"

struct netfs;

/* A node. stat and translator are under the file system's lock; the
 * server's own data hangs off data. */
struct netfs_node {
	struct netfs *fs;
	unsigned references; /* under the file system's lock */
	struct hurd_stat stat;
	struct fshelp_translator translator;
	mach_port_t identity_port; /* io_identity's receive right, made on first use */
	void *data;
};

/* The server's tree. Every hook runs with the file system's lock held (one
 * at a time) and answers 0 or an errno value. Nodes handed out carry a
 * reference for the caller (netfs_node_ref / netfs_node_release). */
struct netfs_hooks {
	/* The entry name (not "." or "..", which netfs handles) of directory dir:
	 * ENOENT if missing. */
	int (*lookup)(struct netfs *fs, struct netfs_node *dir, const char *name,
	              struct netfs_node **node);
	/* dir's parent (dir is not the root). */
	int (*parent)(struct netfs *fs, struct netfs_node *dir, struct netfs_node **parent);
	/* A new node of mode (type and permissions), owner and group, entered as
	 * name in dir (name NULL: no name yet, for dir_mkfile). EEXIST, ENOSPC. */
	int (*create)(struct netfs *fs, struct netfs_node *dir, const char *name, uint32_t mode,
	              uint32_t uid, uint32_t gid, struct netfs_node **node);
	/* Enter node as name in dir; with excl EEXIST if name exists, otherwise
	 * replace it (not a directory by a file or the reverse). */
	int (*link)(struct netfs *fs, struct netfs_node *dir, const char *name,
	            struct netfs_node *node, bool excl);
	/* Remove name from dir: directory says rmdir (ENOTDIR, ENOTEMPTY) or
	 * unlink (EISDIR). */
	int (*unlink)(struct netfs *fs, struct netfs_node *dir, const char *name, bool directory);
	int (*rename)(struct netfs *fs, struct netfs_node *from_dir, const char *from_name,
	              struct netfs_node *to_dir, const char *to_name, bool excl);
	/* dir_readdir: entries from number entry, at most count (-1: all) and at
	 * most size bytes (0: no limit), appended to out; *amount entries. */
	int (*readdir)(struct netfs *fs, struct netfs_node *dir, int entry, int count, size_t size,
	               struct netfs_buffer *out, int *amount);
	int (*read)(struct netfs *fs, struct netfs_node *node, int64_t offset, char *buffer,
	            size_t amount, size_t *done);
	int (*write)(struct netfs *fs, struct netfs_node *node, int64_t offset, const char *data,
	             size_t amount, size_t *done);
	int (*set_size)(struct netfs *fs, struct netfs_node *node, int64_t size);
	/* A symbolic link's target (NUL-terminated, at most size bytes with it). */
	int (*readlink)(struct netfs *fs, struct netfs_node *node, char *target, size_t size);
	/* Make node (an empty regular file) a symbolic link to target. */
	int (*make_symlink)(struct netfs *fs, struct netfs_node *node, const char *target);
	/* The last reference went: free data (the node is freed after). */
	void (*drop)(struct netfs *fs, struct netfs_node *node);
	void (*statfs)(struct netfs *fs, struct hurd_statfs *info);
	/* fsys_set_options (argv: options only) / fsys_get_options (append). */
	int (*set_options)(struct netfs *fs, int argc, char **argv);
	int (*get_options)(struct netfs *fs, struct netfs_buffer *argz);
};

struct netfs_config {
	const char *name;     /* the program name fsys_get_options reports first */
	unsigned max_workers; /* the bucket's bound */
	const struct netfs_hooks *hooks;
	mach_port_t auth; /* the auth server's root handle (reauthentication, translators) */
	mach_port_t exec; /* the exec server (file_exec), or MACH_PORT_NULL */
	unsigned translator_timeout_ms;          /* fsys_startup of passive translators */
	fshelp_start_function *start_translator; /* NULL: passive translators cannot start */
	uint32_t root_mode, root_uid, root_gid;  /* the root directory's */
	void *server; /* the server's own state, netfs_server gives it back */
};

/* Starts serving: a bucket, the control object, lib/fshelp, and the root
 * directory node (whose data the server fills in before handing out ports). */
int netfs_create(const struct netfs_config *config, struct netfs **result);
struct netfs_node *netfs_root(struct netfs *fs);
void *netfs_server(struct netfs *fs);
pthread_mutex_t *netfs_lock(struct netfs *fs);

/* A new node with no server data, one reference (lock held or not yet
 * serving). */
int netfs_node_create(struct netfs *fs, uint32_t mode, uint32_t uid, uint32_t gid,
                      struct netfs_node **result);
/* Lock held. */
void netfs_node_ref(struct netfs_node *node);
void netfs_node_release(struct netfs_node *node);
/* Stamps the time into the node's times named ("a", "m", "c" characters). */
void netfs_node_touch(struct netfs_node *node, const char *which);

/* A send right (the caller's) to a port on the root directory for the given
 * identity, opened with flags (HURD_O_*). */
int netfs_root_port(struct netfs *fs, const struct iohelp_identity *identity, int flags,
                    mach_port_t *port);
/* A send right to the control port. */
int netfs_control_port(struct netfs *fs, mach_port_t *control);
/* Blocks until fsys_goaway succeeded (every port then answers EBADF). */
void netfs_wait_gone(struct netfs *fs);
/* Live lib/ports objects of the bucket. */
size_t netfs_object_count(struct netfs *fs);

#endif
