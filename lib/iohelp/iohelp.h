/* lib/iohelp: what io servers share — a user's identity (uid and gid sets)
 * and the server half of the auth rendezvous behind io_reauthenticate. */
#ifndef WB_IOHELP_H
#define WB_IOHELP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach/port.h>
#include <mach/message.h>

#define IOHELP_MAX_IDS 64

/* Who a port's user is: the effective uids and gids (permission checks use
 * these), and the available ones (kept for io_restrict_auth and makeauth). */
struct iohelp_identity {
	uint32_t uids[IOHELP_MAX_IDS], available_uids[IOHELP_MAX_IDS];
	uint32_t gids[IOHELP_MAX_IDS], available_gids[IOHELP_MAX_IDS];
	size_t uid_count, available_uid_count, gid_count, available_gid_count;
};

/* An identity of the given effective ids (none available): EINVAL when a
 * set has more than IOHELP_MAX_IDS ids. */
int iohelp_identity_make(struct iohelp_identity *identity, const uint32_t *uids, size_t uid_count,
                         const uint32_t *gids, size_t gid_count);
bool iohelp_identity_has_uid(const struct iohelp_identity *identity, uint32_t uid);
bool iohelp_identity_has_gid(const struct iohelp_identity *identity, uint32_t gid);
/* uid 0 among the effective uids. */
bool iohelp_identity_is_root(const struct iohelp_identity *identity);
/* io_restrict_auth: keeps of each set only the ids also in uids / gids
 * (root keeps exactly the ids asked for). */
void iohelp_identity_restrict(struct iohelp_identity *identity, const uint32_t *uids,
                              size_t uid_count, const uint32_t *gids, size_t gid_count);

/* The server half of the rendezvous, waiting for the client's half:
 * auth_server_authenticate(server_auth, rendezvous, newport) — rendezvous is
 * the send right io_reauthenticate brought (moved: consumed either way),
 * newport is given with newport_type (MAKE_SEND for a lib/ports object's
 * name). On success *identity is the client's true identity. Errors: the auth
 * server's (EINTR when the client gave up), or EINVAL without an auth port. */
int iohelp_server_authenticate(mach_port_t server_auth, mach_port_t rendezvous, mach_port_t newport,
                               mach_msg_type_name_t newport_type, struct iohelp_identity *identity);

/* io_reauthenticate is a routine whose client waits for its answer before
 * it calls auth_user_authenticate, so the server answers first and finishes
 * the rendezvous on a thread of its own: this starts that thread, which runs
 * iohelp_server_authenticate and then done(context, error, identity) (the
 * identity only valid during the call). At most IOHELP_MAX_PENDING run at
 * once (EAGAIN beyond: a client cannot make the server spawn without bound).
 * On success the thread owns rendezvous; on failure the caller still does. */
#define IOHELP_MAX_PENDING 32
typedef void iohelp_reauth_done(void *context, int error, const struct iohelp_identity *identity);
int iohelp_reauthenticate_async(mach_port_t server_auth, mach_port_t rendezvous,
                                mach_port_t newport, mach_msg_type_name_t newport_type,
                                iohelp_reauth_done *done, void *context);

#endif
