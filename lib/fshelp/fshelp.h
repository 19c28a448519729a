/* lib/fshelp: translators on the nodes of a file system — per-node state
 * (the active translator's control port, the passive record), starting a
 * passive one on first use with the node owner's identity, forgetting dead
 * ones, and making a running one go away. */
#ifndef WB_FSHELP_H
#define WB_FSHELP_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach.h>
#include <hurd/hurd_types.h>

/* One node's translators. Every field is under the file system's lock (the
 * one fshelp_config names); zero-initialised means "none". */
struct fshelp_translator {
	mach_port_t active; /* the running translator's control port (a send right) */
	mach_port_t task;   /* its task if we started it, else MACH_PORT_NULL */
	char *passive;      /* the passive record: an argz vector (program, arguments) */
	size_t passive_length;
	bool starting;             /* a start is in progress: lookups wait for it */
	unsigned start_generation; /* starts finished, so that waiters see their outcome */
	int start_error;           /* the outcome of the last start */
	struct fshelp_translator *next_active, **previous_active; /* fshelp's list */
};

/* How the file system starts a translator (netfs_start.c for lib/netfs,
 * on fshelp_start_translator): runs the argz program as uid/gid with auth
 * (that identity's handle) as INIT_PORT_AUTH, answers its fsys_startup with
 * realnode (opened with realnode_flags), waits at most timeout_ms, and gives
 * back the control port and the task (both the caller's). auth and realnode
 * stay the caller's. On a timeout the task is killed: ETIMEDOUT. */
typedef int fshelp_start_function(void *context, const char *argz, size_t argz_length, uint32_t uid,
                                  uint32_t gid, mach_port_t auth, mach_port_t realnode,
                                  int realnode_flags, unsigned timeout_ms, mach_port_t *control,
                                  mach_port_t *task);

struct fshelp_config {
	pthread_mutex_t *lock;        /* guards every node's struct fshelp_translator */
	mach_port_t auth;             /* the server's root auth handle (auth_makeauth) */
	unsigned timeout_ms;          /* fsys_startup of a passive translator */
	fshelp_start_function *start; /* NULL: passive translators cannot start (EOPNOTSUPP) */
	void *start_context;
};

struct fshelp;

/* Makes the notification port and its thread. 0 or an errno value. */
int fshelp_create(const struct fshelp_config *config, struct fshelp **result);

/* Who a passive translator runs as and what it sits on: the node owner's
 * uid and gid, and a port on the node for its fsys_startup answer (made with
 * the lock held, with the open modes it got in *flags). */
struct fshelp_owner {
	uint32_t uid, gid;
	int (*make_realnode)(void *context, mach_port_t *realnode, int *flags);
	void *context;
};

bool fshelp_translator_present(const struct fshelp_translator *translator);

/* With the lock held: a send right (the caller's) to the control port of the
 * node's translator, starting the passive one if none runs (the lock is
 * dropped while it starts; lookups of the same node meanwhile wait for that
 * one start). ENXIO: no translator; the start's error otherwise. */
int fshelp_fetch_control(struct fshelp *fshelp, struct fshelp_translator *translator,
                         const struct fshelp_owner *owner, mach_port_t *control);

/* fsys_getroot on a translator's control port (lock not held), answered
 * within the file system's timeout: a translator that never answers gives
 * MACH_RCV_TIMED_OUT (or MACH_SEND_TIMED_OUT for a full queue), not a hang.
 * fsys_goaway of an old translator in fshelp_set_translator is bounded
 * the same way. */
kern_return_t fshelp_getroot(struct fshelp *fshelp, mach_port_t control, const uint32_t *uids,
                             size_t uid_count, const uint32_t *gids, size_t gid_count, int flags,
                             retry_type *retry, char *retry_name, mach_port_t *root);

/* With the lock held: the control port turned out dead (an RPC on it
 * failed): forget it if it is still the node's. */
void fshelp_forget_control(struct fshelp *fshelp, struct fshelp_translator *translator,
                           mach_port_t control);

/* file_set_translator's work, with the lock held (dropped while an old
 * translator is asked to go away): passive_flags/active_flags FS_TRANS_*,
 * goaway_flags for the old active one, passive an argz (length 0: clear),
 * active a control port (MACH_PORT_NULL: stop the old one), taken only on
 * success. */
int fshelp_set_translator(struct fshelp *fshelp, struct fshelp_translator *translator,
                          int passive_flags, int active_flags, int goaway_flags,
                          const char *passive, size_t passive_length, mach_port_t active);

/* The node is going away: drop the record and the ports (lock held). */
void fshelp_translator_drop(struct fshelp *fshelp, struct fshelp_translator *translator);

/* The identity a passive translator gets: a new handle of the auth server
 * for uid/gid (auth_makeauth from the server's root handle). */
int fshelp_owner_auth(mach_port_t server_auth, uint32_t uid, uint32_t gid, mach_port_t *auth);

#endif
