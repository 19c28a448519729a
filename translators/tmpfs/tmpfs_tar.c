/* tmpfs's ustar reader (tmpfs_tar.h): 512-byte headers with octal fields
 * and a checksum, data padded to 512 bytes, two zero blocks at the end.
 * Written from POSIX's description of the ustar format. */
#include "tmpfs_tar.h"
#include "tmpfs_pax.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK 512

/* Where the header's fields lie (offset, length). */
enum {
	NAME = 0,
	NAME_LENGTH = 100,
	MODE = 100,
	UID = 108,
	GID = 116,
	ID_LENGTH = 8,
	SIZE = 124,
	SIZE_LENGTH = 12,
	CHECKSUM = 148,
	CHECKSUM_LENGTH = 8,
	TYPE = 156,
	LINK = 157,
	LINK_LENGTH = 100,
	MAGIC = 257,
	PREFIX = 345,
	PREFIX_LENGTH = 155,
};

/* An octal field: digits, then NULs or spaces to its end. */
static bool octal(const char *field, size_t length, uint64_t *value)
{
	size_t i = 0;
	while (i < length && field[i] == ' ')
		i++;
	uint64_t result = 0;
	bool digits = false;
	for (; i < length && field[i] >= '0' && field[i] <= '7'; i++) {
		if (result >> 60)
			return false;
		result = result * 8 + (uint64_t)(field[i] - '0');
		digits = true;
	}
	for (; i < length; i++)
		if (field[i] != '\0' && field[i] != ' ')
			return false;
	*value = result;
	return digits;
}

static bool all_zero(const char *block)
{
	for (size_t i = 0; i < BLOCK; i++)
		if (block[i])
			return false;
	return true;
}

static bool checksum_matches(const unsigned char *header)
{
	uint64_t expected;
	if (!octal((const char *)header + CHECKSUM, CHECKSUM_LENGTH, &expected))
		return false;
	uint64_t sum = 0;
	for (size_t i = 0; i < BLOCK; i++)
		sum += (i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LENGTH) ? ' ' : header[i];
	return sum == expected;
}

/* prefix "/" name, made relative; false if it does not fit or has "..". */
static bool entry_path(const char *header, char *path, size_t size)
{
	char name[NAME_LENGTH + 1], prefix[PREFIX_LENGTH + 1];
	memcpy(name, header + NAME, NAME_LENGTH);
	name[NAME_LENGTH] = '\0';
	memcpy(prefix, header + PREFIX, PREFIX_LENGTH);
	prefix[PREFIX_LENGTH] = '\0';
	char joined[NAME_LENGTH + PREFIX_LENGTH + 2];
	if (prefix[0])
		snprintf(joined, sizeof(joined), "%s/%s", prefix, name);
	else
		snprintf(joined, sizeof(joined), "%s", name);
	/* Components one by one: "." and empty ones dropped, ".." refused. */
	size_t length = 0;
	path[0] = '\0';
	for (char *save, *part = strtok_r(joined, "/", &save); part;
	     part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0)
			return false;
		size_t part_length = strlen(part);
		if (length + part_length + 2 > size)
			return false;
		if (length)
			path[length++] = '/';
		memcpy(path + length, part, part_length + 1);
		length += part_length;
	}
	return true;
}

int tmpfs_tar_read(const char *archive, size_t size, tmpfs_tar_visit *visit, void *context,
                   size_t *offset)
{
	size_t at = 0;
	struct tmpfs_pax pax; /* the pending extended header's records */
	bool pending = false;
	while (at + BLOCK <= size) {
		const char *header = archive + at;
		*offset = at;
		if (all_zero(header))
			return pending ? EINVAL : 0; /* the end (a second zero block follows) */
		if (!checksum_matches((const unsigned char *)header) ||
		    memcmp(header + MAGIC, "ustar", 5) != 0)
			return EINVAL;
		uint64_t mode, uid, gid, length;
		if (!octal(header + MODE, ID_LENGTH, &mode) ||
		    !octal(header + UID, ID_LENGTH, &uid) ||
		    !octal(header + GID, ID_LENGTH, &gid) ||
		    !octal(header + SIZE, SIZE_LENGTH, &length) || uid > UINT32_MAX ||
		    gid > UINT32_MAX)
			return EINVAL;
		char path[NAME_LENGTH + PREFIX_LENGTH + 2];
		if (!entry_path(header, path, sizeof(path)))
			return EINVAL;
		size_t data_at = at + BLOCK;
		if (length > size - data_at)
			return EINVAL;
		char link[LINK_LENGTH + 1];
		struct tmpfs_tar_entry entry = {.path = path,
		                                .mode = (uint32_t)mode & 07777,
		                                .uid = (uint32_t)uid,
		                                .gid = (uint32_t)gid,
		                                .data = archive + data_at,
		                                .size = (size_t)length};
		if (pending && pax.translator_length) {
			entry.translator = pax.translator;
			entry.translator_length = pax.translator_length;
		}
		switch (header[TYPE]) {
		case 'x': /* the next entry's extended header */
			if (pending || tmpfs_pax_read(archive + data_at, (size_t)length, &pax))
				return EINVAL;
			pending = true;
			at = data_at + (((size_t)length + BLOCK - 1) / BLOCK) * BLOCK;
			continue;
		case '0':
		case '\0':
			entry.mode |= S_IFREG;
			break;
		case '5':
			entry.mode |= S_IFDIR;
			entry.size = 0;
			break;
		case '2':
			memcpy(link, header + LINK, LINK_LENGTH);
			link[LINK_LENGTH] = '\0';
			if (link[0] == '\0')
				return EINVAL;
			entry.mode |= S_IFLNK;
			entry.data = link;
			entry.size = strlen(link);
			length = 0;
			break;
		default:
			return EINVAL;
		}
		pending = false;
		int error = visit(context, &entry);
		if (error)
			return error;
		at = data_at + (((size_t)length + BLOCK - 1) / BLOCK) * BLOCK;
	}
	*offset = at;
	return at == size && !pending ? 0 : EINVAL; /* ended inside a header */
}
