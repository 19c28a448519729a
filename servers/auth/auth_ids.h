/* The auth server's id sets: a bounded, owned array of uids or gids, and the
 * checks makeauth needs (membership, subsets of a union). Pure logic. */
#ifndef AUTH_IDS_H
#define AUTH_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sets larger than this are refused (EINVAL): every reply fits inline. */
#define AUTH_MAX_IDS 256

struct auth_ids {
	uint32_t *ids; /* malloc'd, or NULL when count is 0 */
	size_t count;
};

/* Copies count ids into set (empty before); 0, EINVAL (too many) or ENOMEM. */
int auth_ids_set(struct auth_ids *set, const uint32_t *ids, size_t count);
void auth_ids_clear(struct auth_ids *set);
bool auth_ids_contains(const struct auth_ids *set, uint32_t id);
/* Whether every one of ids is in at least one of the sets. */
bool auth_ids_within(const uint32_t *ids, size_t count, const struct auth_ids *const *sets,
                     size_t set_count);

#endif
