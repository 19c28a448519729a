/* lib/netfs's pure logic, portable and host-tested: path components, names,
 * the permission bits against a user's ids, growing byte buffers and
 * dir_readdir's records. */
#ifndef WB_NETFS_LOGIC_H
#define WB_NETFS_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETFS_NAME_MAX    255 /* one component, without the NUL */
#define NETFS_SYMLINK_MAX 32  /* symbolic links followed in one request */

/* The HURD_O_* access bits. */
enum { NETFS_ACCESS_READ = 1, NETFS_ACCESS_WRITE = 2, NETFS_ACCESS_EXEC = 4 };

/* The next component of path (leading slashes skipped) into component
 * (NETFS_NAME_MAX + 1 bytes); *rest points past it and the slashes after it.
 * 0, ENOENT when no component is left (path empty or only slashes),
 * ENAMETOOLONG. */
int netfs_next_component(const char *path, char component[NETFS_NAME_MAX + 1], const char **rest);
/* A name a directory entry may have: EINVAL for "", ".", ".." or a name with
 * a slash, ENAMETOOLONG beyond NETFS_NAME_MAX. */
int netfs_check_entry_name(const char *name);
/* first, "/" and rest (no slash if either is empty), into out (size bytes;
 * it may be first or rest): ENAMETOOLONG if it does not fit. */
int netfs_join_path(char *out, size_t size, const char *first, const char *rest);

/* Which NETFS_ACCESS_* bits ids may use on a node of mode, owner, group:
 * owner, group or other bits; uid 0 reads and writes anything and executes
 * (searches) if any x bit is set or the node is a directory. */
int netfs_allowed_access(uint32_t mode, uint32_t owner, uint32_t group, const uint32_t *uids,
                         size_t uid_count, const uint32_t *gids, size_t gid_count);
bool netfs_ids_contain(const uint32_t *ids, size_t count, uint32_t id);
/* The node's owner or root. */
bool netfs_is_owner(uint32_t owner, const uint32_t *uids, size_t uid_count);
/* Removing or renaming an entry of a sticky directory: only root, the
 * directory's owner or the entry's owner. */
bool netfs_may_delete(uint32_t dir_mode, uint32_t dir_owner, uint32_t entry_owner,
                      const uint32_t *uids, size_t uid_count);

/* io_seek: EINVAL (bad whence, negative result), EOVERFLOW. */
int netfs_seek(int64_t current, int64_t size, int64_t offset, int whence, int64_t *result);

/* A growing byte buffer (argz vectors, directory records). */
struct netfs_buffer {
	char *data;
	size_t length, capacity;
};
int netfs_buffer_append(struct netfs_buffer *buffer, const void *bytes, size_t length);
/* An argz element: string and its NUL. */
int netfs_buffer_add_string(struct netfs_buffer *buffer, const char *string);
void netfs_buffer_free(struct netfs_buffer *buffer);
/* Splits an argz vector into a NULL-terminated argv of pointers into a copy
 * (free both): EINVAL unless it ends with a NUL (empty is fine), ENOMEM. */
int netfs_argz_split(const char *data, size_t length, char ***vector, int *count, char **copy);

/* The DT_* type of a mode. */
uint8_t netfs_dirent_type(uint32_t mode);
/* The size of a struct hurd_dirent record for a name of name_length bytes. */
size_t netfs_dirent_size(size_t name_length);
/* Appends a record, unless limit (0: none) would be passed: ENOSPC then
 * (nothing appended). */
int netfs_dirent_append(struct netfs_buffer *buffer, size_t limit, uint64_t ino, uint8_t type,
                        const char *name);

#endif
