/* lib/trivfs's pure logic, portable and host-tested: access to a node from a
 * set of ids, offset arithmetic of io_seek and io_read, argz vectors. */
#ifndef WB_TRIVFS_LOGIC_H
#define WB_TRIVFS_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which of read (1), write (2), exec (4) — the HURD_O_* access bits — a
 * user with these ids may do on a node of this mode and owner (uid 0: read
 * and write always, exec if any execute bit is set). */
int trivfs_allowed_access(uint32_t mode, uint32_t owner, uint32_t group, const uint32_t *uids,
                          size_t uid_count, const uint32_t *gids, size_t gid_count);
/* Whether the ids include the owner or root. */
bool trivfs_is_owner(uint32_t owner, const uint32_t *uids, size_t uid_count);
bool trivfs_has_id(uint32_t id, const uint32_t *ids, size_t count);

/* io_seek: the new offset from current, the file's size, offset and whence
 * (SEEK_SET 0, SEEK_CUR 1, SEEK_END 2); 0, EINVAL (bad whence or a negative
 * result) or EOVERFLOW. */
int trivfs_seek(int64_t current, int64_t size, int64_t offset, int whence, int64_t *result);
/* How many of amount bytes a read at offset finds in a file of size bytes. */
size_t trivfs_read_span(int64_t offset, int64_t size, size_t amount);

/* An argz vector: NUL-terminated strings one after another. */
struct trivfs_argz {
	char *data;
	size_t length;
};
/* Appends string (with its NUL); 0 or ENOMEM. */
int trivfs_argz_add(struct trivfs_argz *argz, const char *string);
void trivfs_argz_free(struct trivfs_argz *argz);
/* Splits length bytes of argz data into a NULL-terminated, malloc'd vector
 * of pointers into a malloc'd copy (*copy; free both). EINVAL unless the data
 * ends with a NUL (an empty vector is fine), ENOMEM. */
int trivfs_argz_split(const char *data, size_t length, char ***vector, int *count, char **copy);
/* If argument is "--name=VALUE", *value points at VALUE and true. */
bool trivfs_option_value(const char *argument, const char *name, const char **value);

#endif
