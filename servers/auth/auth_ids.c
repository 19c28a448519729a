/* The auth server's id sets: copies, membership, and whether requested ids
 * are drawn from the ids a caller presented. */
#include "auth_ids.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int auth_ids_set(struct auth_ids *set, const uint32_t *ids, size_t count)
{
	set->ids = NULL;
	set->count = 0;
	if (count > AUTH_MAX_IDS)
		return EINVAL;
	if (count == 0)
		return 0;
	set->ids = malloc(count * sizeof(*ids));
	if (!set->ids)
		return ENOMEM;
	memcpy(set->ids, ids, count * sizeof(*ids));
	set->count = count;
	return 0;
}

void auth_ids_clear(struct auth_ids *set)
{
	free(set->ids);
	set->ids = NULL;
	set->count = 0;
}

bool auth_ids_contains(const struct auth_ids *set, uint32_t id)
{
	for (size_t i = 0; i < set->count; i++)
		if (set->ids[i] == id)
			return true;
	return false;
}

bool auth_ids_within(const uint32_t *ids, size_t count, const struct auth_ids *const *sets,
                     size_t set_count)
{
	for (size_t i = 0; i < count; i++) {
		bool found = false;
		for (size_t s = 0; s < set_count && !found; s++)
			found = auth_ids_contains(sets[s], ids[i]);
		if (!found)
			return false;
	}
	return true;
}
