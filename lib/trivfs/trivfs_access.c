/* lib/trivfs: who may do what to the node — the permission bits against a
 * user's ids, and ownership (for file_chmod and file_chown). */
#include "trivfs_logic.h"

enum { ACCESS_READ = 1, ACCESS_WRITE = 2, ACCESS_EXEC = 4 };

bool trivfs_has_id(uint32_t id, const uint32_t *ids, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool trivfs_is_owner(uint32_t owner, const uint32_t *uids, size_t uid_count)
{
	return trivfs_has_id(0, uids, uid_count) || trivfs_has_id(owner, uids, uid_count);
}

/* The three rwx bits of mode as ACCESS_* bits (r 4 -> 1, w 2 -> 2, x 1 -> 4). */
static int access_of_triplet(uint32_t triplet)
{
	return ((triplet & 4) ? ACCESS_READ : 0) | ((triplet & 2) ? ACCESS_WRITE : 0) |
	       ((triplet & 1) ? ACCESS_EXEC : 0);
}

int trivfs_allowed_access(uint32_t mode, uint32_t owner, uint32_t group, const uint32_t *uids,
                          size_t uid_count, const uint32_t *gids, size_t gid_count)
{
	if (trivfs_has_id(0, uids, uid_count))
		return ACCESS_READ | ACCESS_WRITE | ((mode & 0111) ? ACCESS_EXEC : 0);
	if (trivfs_has_id(owner, uids, uid_count))
		return access_of_triplet(mode >> 6 & 7);
	if (trivfs_has_id(group, gids, gid_count))
		return access_of_triplet(mode >> 3 & 7);
	return access_of_triplet(mode & 7);
}
