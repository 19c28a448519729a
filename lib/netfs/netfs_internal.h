/* lib/netfs's own structures: the file system, its control object, the
 * opens (shared by io_duplicate) and the protids (one per port). */
#ifndef WB_NETFS_INTERNAL_H
#define WB_NETFS_INTERNAL_H

#include "netfs.h"

struct netfs {
	struct netfs_config config;
	pthread_mutex_t lock;   /* every node, open and the tree */
	pthread_cond_t changed; /* reauthentications finished, goaway */
	struct ports_bucket *bucket;
	struct netfs_control *control; /* our reference, until goaway */
	struct netfs_node *root;
	struct fshelp *fshelp;
	mach_port_t fs_identity; /* io_identity's file system port */
	uint64_t next_ino;
	size_t protid_count;
	bool gone;
};

struct netfs_control {
	struct ports_object head;
	struct netfs *fs;
};

/* One open of a node: io_duplicate's ports share it. Under fs->lock. */
struct netfs_open {
	unsigned references;
	int modes; /* HURD_O_ACCMODE and settable bits */
	int64_t offset;
	struct netfs_node *node; /* a reference */
};

struct netfs_protid {
	struct ports_object head;
	struct netfs *fs;
	struct netfs_open *open;
	struct iohelp_identity identity;
	bool pending; /* io_reauthenticate's rendezvous has not told us the ids yet */
	bool refused; /* it failed: the port is useless */
};

extern const struct ports_class netfs_control_class, netfs_protid_class;

/* The protid the current RPC came to, waiting out a reauthentication in
 * progress: 0, EOPNOTSUPP (not a protid of ours), EBADF (refused), EINTR.
 * Takes fs->lock and returns with it held on success. */
int netfs_current_protid_locked(struct netfs_protid **result);
/* The same, also EBADF unless the open has every bit of modes. */
int netfs_current_open_locked(int modes, struct netfs_protid **result);
struct netfs_control *netfs_current_control(void);
/* A protid on node (a new open with modes and offset 0, or open if not
 * NULL) for identity; one reference for the caller. fs->lock held. */
int netfs_protid_create(struct netfs *fs, struct netfs_node *node, struct netfs_open *open,
                        int modes, const struct iohelp_identity *identity,
                        struct netfs_protid **result);
/* fs->lock held: what the protid's identity may do on node. */
int netfs_access(const struct netfs_protid *protid, const struct netfs_node *node);
bool netfs_owns(const struct netfs_protid *protid, const struct netfs_node *node);
bool netfs_is_dir(const struct netfs_node *node);
bool netfs_is_symlink(const struct netfs_node *node);
/* A MIG out array: inline if it fits in *count, else fresh memory. */
int netfs_reply_bytes(const char *bytes, size_t length, char **array, unsigned *count);
/* fsys_get_options' answer: program name and the hook's options. */
int netfs_reply_options(struct netfs *fs, char **options, unsigned *count);
/* dir_lookup's path, also fsys_getroot's and the realnode's: a port
 * answered as MAKE_SEND with a new protid (releases the caller's reference
 * after the lock is dropped). */
void netfs_protid_answer(struct netfs_protid *protid, mach_port_t *port,
                         mach_msg_type_name_t *type);
/* The node a port named in a message body is (ours), with a reference (lock
 * not held): NULL when not one of our protids. */
struct netfs_protid *netfs_lookup_protid(struct netfs *fs, mach_port_t name);
/* lib/fshelp's start hook (netfs_start.c): the program is looked up in
 * this file system from its root, for the node owner. */
fshelp_start_function netfs_start_translator;
/* errno for a failed RPC to another server's port. */
int netfs_rpc_error(kern_return_t kr);

#endif
