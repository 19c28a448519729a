/* lib/trivfs's own structures: the node (struct trivfs), its control object,
 * the opens (shared by io_duplicate) and the protids (one per port). */
#ifndef WB_TRIVFS_INTERNAL_H
#define WB_TRIVFS_INTERNAL_H

#include <iohelp.h>
#include "trivfs.h"

struct trivfs_protid;

struct trivfs {
	struct trivfs_config config;
	pthread_mutex_t lock;        /* the node: mode, owner, opens, the hooks' state */
	pthread_cond_t gone_changed; /* goaway, and reauthentications finished */
	struct ports_bucket *bucket;
	struct trivfs_control *control; /* our reference, until goaway */
	struct trivfs_protid *protids;  /* every one alive, linked */
	size_t protid_count;
	bool gone;
	mach_port_t node_identity, fs_identity; /* io_identity's receive rights */
	mach_port_t underlying;                 /* the node beneath, from fsys_startup, or null */
	mach_port_t auth; /* the auth server's port for io_reauthenticate, or null */
	struct hurd_timespec atime, mtime, ctime; /* io_stat's times, file_utimens */
};

struct trivfs_control {
	struct ports_object head;
	struct trivfs *fs;
};

/* One open of the node: io_duplicate's ports share it. Under fs->lock. */
struct trivfs_open {
	unsigned references;
	int modes; /* HURD_O_ACCMODE and settable bits */
	int64_t offset;
};

struct trivfs_protid {
	struct ports_object head;
	struct trivfs *fs;
	struct trivfs_open *open;
	struct trivfs_protid *next, *previous;
	bool linked;                     /* in fs->protids (not when made as the node went away) */
	struct iohelp_identity identity; /* the user's ids (the effective ones decide) */
	bool pending; /* io_reauthenticate's rendezvous has not told us the ids yet */
	bool refused; /* that rendezvous failed: the port answers EBADF */
};

extern const struct ports_class trivfs_control_class, trivfs_protid_class;

/* The control the current RPC was sent to, or NULL. */
struct trivfs_control *trivfs_current_control(void);
/* The protid the current RPC was sent to, once its reauthentication (if
 * any) is over: 0, EOPNOTSUPP (not a protid), EBADF (the reauthentication
 * failed or the node is gone) or EINTR (the RPC was cancelled meanwhile). */
kern_return_t trivfs_current_protid(struct trivfs_protid **result);
/* The same, and its open must have every one of modes (HURD_O_*): EBADF. */
kern_return_t trivfs_current_open(int modes, struct trivfs_protid **result);
/* A new protid on open (NULL: a new open with modes and offset 0) with the
 * identity; one reference for the caller. */
int trivfs_protid_create(struct trivfs *fs, struct trivfs_open *open, int modes,
                         const struct iohelp_identity *identity, struct trivfs_protid **result);
/* A send right to a new protid for a MIG out port (MAKE_SEND), dropping the
 * caller's reference: its senders keep it. */
void trivfs_protid_answer(struct trivfs_protid *protid, mach_port_t *port,
                          mach_msg_type_name_t *type);
/* A MIG out array of bytes: copied inline when it fits in *count, else into
 * fresh memory the reply deallocates. 0 or ENOMEM. */
int trivfs_reply_bytes(const char *bytes, size_t length, char **array, unsigned *count);
/* fsys_get_options' and file_get_fs_options' answer: the argz of the
 * program name and the get_options hook's options, as trivfs_reply_bytes. */
int trivfs_reply_options(struct trivfs *fs, char **options, unsigned *count);
/* The node's size (the hook's, or 0), with fs->lock held. */
int64_t trivfs_size_locked(struct trivfs *fs);

#endif
