/* The auth server (issue 6, item 3): handles standing for four id sets,
 * auth_getids, auth_makeauth and the user/server rendezvous of auth.defs,
 * served with lib/ports. A program links it and calls auth_server_start. */
#ifndef AUTH_SERVER_H
#define AUTH_SERVER_H

#include <ports.h>
#include "auth_ids.h"

enum { AUTH_EUIDS, AUTH_AUIDS, AUTH_EGIDS, AUTH_AGIDS, AUTH_SETS };

struct auth_handle {
	struct ports_object head;
	struct auth_ids sets[AUTH_SETS];
};

extern const struct ports_class auth_handle_class;
extern struct ports_bucket *auth_bucket;

/* Starts serving with at most max_workers threads; *root is a send right to a
 * handle whose four sets are {0} (the caller owns it). 0 or an errno. */
int auth_server_start(unsigned max_workers, mach_port_t *root);
/* The number of handles alive and of rendezvous halves waiting. */
size_t auth_handle_count(void);
size_t auth_pending_count(void);

/* A new handle with the given sets, with one reference for the caller. */
int auth_handle_create(const uint32_t *const ids[AUTH_SETS], const size_t counts[AUTH_SETS],
                       struct auth_handle **result);
/* Copies a set into a MIG out array (inline: sets never exceed AUTH_MAX_IDS). */
void auth_copy_out(const struct auth_ids *set, uint32_t **array, unsigned *count);

/* The rendezvous' start (auth_rendezvous.c): its notification object. */
int auth_rendezvous_init(void);

#endif
