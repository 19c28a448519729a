/* lib/iohelp: identities — sets of uids and gids, membership, and the
 * intersection io_restrict_auth asks for. Pure logic, host-tested. */
#include "iohelp.h"

#include <errno.h>
#include <string.h>

static bool contains(const uint32_t *ids, size_t count, uint32_t id)
{
	for (size_t i = 0; i < count; i++)
		if (ids[i] == id)
			return true;
	return false;
}

int iohelp_identity_make(struct iohelp_identity *identity, const uint32_t *uids, size_t uid_count,
                         const uint32_t *gids, size_t gid_count)
{
	if (uid_count > IOHELP_MAX_IDS || gid_count > IOHELP_MAX_IDS)
		return EINVAL;
	memset(identity, 0, sizeof(*identity));
	if (uid_count)
		memcpy(identity->uids, uids, uid_count * sizeof(*uids));
	if (gid_count)
		memcpy(identity->gids, gids, gid_count * sizeof(*gids));
	identity->uid_count = uid_count;
	identity->gid_count = gid_count;
	return 0;
}

bool iohelp_identity_has_uid(const struct iohelp_identity *identity, uint32_t uid)
{
	return contains(identity->uids, identity->uid_count, uid);
}

bool iohelp_identity_has_gid(const struct iohelp_identity *identity, uint32_t gid)
{
	return contains(identity->gids, identity->gid_count, gid);
}

bool iohelp_identity_is_root(const struct iohelp_identity *identity)
{
	return iohelp_identity_has_uid(identity, 0);
}

/* Keeps in ids[*count] those also among wanted (all of wanted, de-duplicated,
 * when privileged). */
static void keep_common(uint32_t *ids, size_t *count, const uint32_t *wanted, size_t wanted_count,
                        bool privileged)
{
	uint32_t kept[IOHELP_MAX_IDS];
	size_t kept_count = 0;
	for (size_t i = 0; i < wanted_count && kept_count < IOHELP_MAX_IDS; i++) {
		if (contains(kept, kept_count, wanted[i]))
			continue;
		if (privileged || contains(ids, *count, wanted[i]))
			kept[kept_count++] = wanted[i];
	}
	if (kept_count)
		memcpy(ids, kept, kept_count * sizeof(*ids));
	*count = kept_count;
}

void iohelp_identity_restrict(struct iohelp_identity *identity, const uint32_t *uids,
                              size_t uid_count, const uint32_t *gids, size_t gid_count)
{
	bool root = iohelp_identity_is_root(identity);
	keep_common(identity->gids, &identity->gid_count, gids, gid_count, root);
	keep_common(identity->available_gids, &identity->available_gid_count, gids, gid_count,
	            false);
	keep_common(identity->uids, &identity->uid_count, uids, uid_count, root);
	keep_common(identity->available_uids, &identity->available_uid_count, uids, uid_count,
	            false);
}
