/* tmpfs's reader of uncompressed ustar archives (the initial tree), pure
 * and host-tested: each entry's path, type, mode, owner and bytes. */
#ifndef WB_TMPFS_TAR_H
#define WB_TMPFS_TAR_H

#include <stddef.h>
#include <stdint.h>

struct tmpfs_tar_entry {
	const char *path; /* relative, no "./" or leading "/", no ".." (may be "") */
	uint32_t mode;    /* S_IFREG, S_IFDIR or S_IFLNK and the permission bits */
	uint32_t uid, gid;
	const char *data; /* regular files: size bytes; symbolic links: the target */
	size_t size;
	/* A passive translator from a pax extended header before the entry
	 * (tmpfs_pax.h): an argz vector of translator_length bytes, or NULL. */
	const char *translator;
	size_t translator_length;
};

/* Calls visit for every entry of the archive in order; stops at the first
 * error visit answers. A pax extended header ('x') gives the next entry its
 * passive translator (tmpfs_pax.h). EINVAL for a damaged archive (bad
 * checksum, number or path, truncated data, a malformed extended header or
 * one with nothing after it, an entry type other than file, directory or
 * symbolic link), with *offset the damaged header's offset. */
typedef int tmpfs_tar_visit(void *context, const struct tmpfs_tar_entry *entry);
int tmpfs_tar_read(const char *archive, size_t size, tmpfs_tar_visit *visit, void *context,
                   size_t *offset);

#endif
