/* tmpfs's storage, pure and host-tested: byte buffers of files and symbolic
 * links charged against the file system's size limit, and directories as
 * arrays of (name, node) entries. */
#ifndef WB_TMPFS_STORE_H
#define WB_TMPFS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the file system holds against its limit (0: no limit). A node is
 * charged TMPFS_NODE_COST besides its bytes, so that empty files are not
 * free either. */
#define TMPFS_NODE_COST 256
struct tmpfs_space {
	uint64_t limit, used;
};
/* Takes amount bytes of the space: ENOSPC if it would pass the limit. */
int tmpfs_space_charge(struct tmpfs_space *space, uint64_t amount);
void tmpfs_space_credit(struct tmpfs_space *space, uint64_t amount);

/* A file's contents: size bytes of data (capacity allocated, all charged). */
struct tmpfs_bytes {
	char *data;
	size_t size, capacity;
};
/* Copies what lies in [offset, offset + amount) into buffer: *done bytes
 * (0 at or past the end). */
void tmpfs_bytes_read(const struct tmpfs_bytes *bytes, int64_t offset, char *buffer, size_t amount,
                      size_t *done);
/* Writes amount bytes at offset (a hole before it reads as zeroes): EFBIG
 * past TMPFS_MAX_FILE, ENOSPC or ENOMEM (nothing written then). */
#define TMPFS_MAX_FILE (1ull << 32)
int tmpfs_bytes_write(struct tmpfs_bytes *bytes, struct tmpfs_space *space, int64_t offset,
                      const char *data, size_t amount);
/* Truncates or extends (with zeroes) to size. */
int tmpfs_bytes_set_size(struct tmpfs_bytes *bytes, struct tmpfs_space *space, int64_t size);
void tmpfs_bytes_free(struct tmpfs_bytes *bytes, struct tmpfs_space *space);

/* A directory's entries, in the order they were made. */
struct tmpfs_entry {
	char *name;
	void *node;
};
struct tmpfs_dir {
	struct tmpfs_entry *entries;
	size_t count, capacity;
};
/* The entry called name, or NULL. */
struct tmpfs_entry *tmpfs_dir_find(const struct tmpfs_dir *dir, const char *name);
/* Adds an entry (the caller checked that name is new): ENOMEM, ENOSPC (its
 * name is charged). */
int tmpfs_dir_add(struct tmpfs_dir *dir, struct tmpfs_space *space, const char *name, void *node);
/* Removes the entry called name; returns its node or NULL. */
void *tmpfs_dir_remove(struct tmpfs_dir *dir, struct tmpfs_space *space, const char *name);
void tmpfs_dir_free(struct tmpfs_dir *dir, struct tmpfs_space *space);

#endif
