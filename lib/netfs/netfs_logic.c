/* lib/netfs's pure logic (netfs_logic.h): components and names, permission
 * bits, seek arithmetic, byte buffers, argz vectors, directory records. */
#include "netfs_logic.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/hurd_types.h>

int netfs_next_component(const char *path, char component[NETFS_NAME_MAX + 1], const char **rest)
{
	while (*path == '/')
		path++;
	if (*path == '\0')
		return ENOENT;
	size_t length = strcspn(path, "/");
	if (length > NETFS_NAME_MAX)
		return ENAMETOOLONG;
	memcpy(component, path, length);
	component[length] = '\0';
	path += length;
	while (*path == '/')
		path++;
	*rest = path;
	return 0;
}

int netfs_check_entry_name(const char *name)
{
	if (name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    strchr(name, '/'))
		return EINVAL;
	return strlen(name) > NETFS_NAME_MAX ? ENAMETOOLONG : 0;
}

int netfs_join_path(char *out, size_t size, const char *first, const char *rest)
{
	size_t first_length = strlen(first), rest_length = strlen(rest);
	bool slash = first_length && rest_length;
	size_t total = first_length + slash + rest_length;
	if (total + 1 > size)
		return ENAMETOOLONG;
	memmove(out, first, first_length);
	if (slash)
		out[first_length] = '/';
	memmove(out + first_length + slash, rest, rest_length);
	out[total] = '\0';
	return 0;
}

bool netfs_ids_contain(const uint32_t *ids, size_t count, uint32_t id)
{
	for (size_t i = 0; i < count; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool netfs_is_owner(uint32_t owner, const uint32_t *uids, size_t uid_count)
{
	return netfs_ids_contain(uids, uid_count, 0) || netfs_ids_contain(uids, uid_count, owner);
}

static int access_of_triplet(uint32_t triplet)
{
	return ((triplet & 4) ? NETFS_ACCESS_READ : 0) | ((triplet & 2) ? NETFS_ACCESS_WRITE : 0) |
	       ((triplet & 1) ? NETFS_ACCESS_EXEC : 0);
}

int netfs_allowed_access(uint32_t mode, uint32_t owner, uint32_t group, const uint32_t *uids,
                         size_t uid_count, const uint32_t *gids, size_t gid_count)
{
	if (netfs_ids_contain(uids, uid_count, 0)) {
		bool searchable = (mode & 0170000) == 0040000 || (mode & 0111);
		return NETFS_ACCESS_READ | NETFS_ACCESS_WRITE |
		       (searchable ? NETFS_ACCESS_EXEC : 0);
	}
	if (netfs_ids_contain(uids, uid_count, owner))
		return access_of_triplet(mode >> 6 & 7);
	if (netfs_ids_contain(gids, gid_count, group))
		return access_of_triplet(mode >> 3 & 7);
	return access_of_triplet(mode & 7);
}

bool netfs_may_delete(uint32_t dir_mode, uint32_t dir_owner, uint32_t entry_owner,
                      const uint32_t *uids, size_t uid_count)
{
	if (!(dir_mode & 01000))
		return true;
	return netfs_is_owner(dir_owner, uids, uid_count) ||
	       netfs_ids_contain(uids, uid_count, entry_owner);
}

int netfs_seek(int64_t current, int64_t size, int64_t offset, int whence, int64_t *result)
{
	int64_t base;
	switch (whence) {
	case 0:
		base = 0;
		break;
	case 1:
		base = current;
		break;
	case 2:
		base = size;
		break;
	default:
		return EINVAL;
	}
	int64_t position;
	if (__builtin_add_overflow(base, offset, &position))
		return EOVERFLOW;
	if (position < 0)
		return EINVAL;
	*result = position;
	return 0;
}

int netfs_buffer_append(struct netfs_buffer *buffer, const void *bytes, size_t length)
{
	if (buffer->length + length > buffer->capacity) {
		size_t capacity = buffer->capacity ? buffer->capacity : 64;
		while (capacity < buffer->length + length)
			capacity *= 2;
		char *grown = realloc(buffer->data, capacity);
		if (!grown)
			return ENOMEM;
		buffer->data = grown;
		buffer->capacity = capacity;
	}
	if (length)
		memcpy(buffer->data + buffer->length, bytes, length);
	buffer->length += length;
	return 0;
}

int netfs_buffer_add_string(struct netfs_buffer *buffer, const char *string)
{
	return netfs_buffer_append(buffer, string, strlen(string) + 1);
}

void netfs_buffer_free(struct netfs_buffer *buffer)
{
	free(buffer->data);
	*buffer = (struct netfs_buffer){0};
}

int netfs_argz_split(const char *data, size_t length, char ***vector, int *count, char **copy)
{
	if (length > 0 && data[length - 1] != '\0')
		return EINVAL;
	int strings = 0;
	for (size_t i = 0; i < length; i++)
		strings += data[i] == '\0';
	char *text = malloc(length ? length : 1);
	char **pointers = calloc((size_t)strings + 1, sizeof(*pointers));
	if (!text || !pointers) {
		free(text);
		free(pointers);
		return ENOMEM;
	}
	if (length)
		memcpy(text, data, length);
	size_t start = 0;
	for (int i = 0; i < strings; i++) {
		pointers[i] = text + start;
		start += strlen(text + start) + 1;
	}
	*vector = pointers;
	*count = strings;
	*copy = text;
	return 0;
}

uint8_t netfs_dirent_type(uint32_t mode)
{
	switch (mode & 0170000) {
	case 0040000:
		return 4; /* DT_DIR */
	case 0100000:
		return 8; /* DT_REG */
	case 0120000:
		return 10; /* DT_LNK */
	case 0020000:
		return 2; /* DT_CHR */
	case 0060000:
		return 6; /* DT_BLK */
	case 0010000:
		return 1; /* DT_FIFO */
	case 0140000:
		return 12; /* DT_SOCK */
	default:
		return 0;
	}
}

size_t netfs_dirent_size(size_t name_length)
{
	size_t size = offsetof(struct hurd_dirent, name) + name_length + 1;
	return (size + HURD_DIRENT_ALIGN - 1) & ~(size_t)(HURD_DIRENT_ALIGN - 1);
}

int netfs_dirent_append(struct netfs_buffer *buffer, size_t limit, uint64_t ino, uint8_t type,
                        const char *name)
{
	size_t name_length = strlen(name);
	if (name_length > NETFS_NAME_MAX)
		return ENAMETOOLONG;
	size_t size = netfs_dirent_size(name_length);
	if (limit && buffer->length + size > limit)
		return ENOSPC;
	char record[sizeof(struct hurd_dirent) + NETFS_NAME_MAX + 1 + HURD_DIRENT_ALIGN];
	memset(record, 0, size);
	struct hurd_dirent header = {.ino = ino,
	                             .record_length = (uint16_t)size,
	                             .type = type,
	                             .name_length = (uint8_t)name_length};
	memcpy(record, &header, offsetof(struct hurd_dirent, name));
	memcpy(record + offsetof(struct hurd_dirent, name), name, name_length);
	return netfs_buffer_append(buffer, record, size);
}
