/* tmpfs's storage (tmpfs_store.h): the size limit's accounting, file bytes
 * and directory entries. No Mach here: tests/host/tmpfs_store.t runs it. */
#include "tmpfs_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tmpfs_space_charge(struct tmpfs_space *space, uint64_t amount)
{
	if (space->limit && (amount > space->limit || space->used > space->limit - amount))
		return ENOSPC;
	space->used += amount;
	return 0;
}

void tmpfs_space_credit(struct tmpfs_space *space, uint64_t amount)
{
	space->used = amount > space->used ? 0 : space->used - amount;
}

void tmpfs_bytes_read(const struct tmpfs_bytes *bytes, int64_t offset, char *buffer, size_t amount,
                      size_t *done)
{
	*done = 0;
	if (offset < 0 || (uint64_t)offset >= bytes->size)
		return;
	size_t available = bytes->size - (size_t)offset;
	size_t count = amount < available ? amount : available;
	memcpy(buffer, bytes->data + offset, count);
	*done = count;
}

/* Makes room for at least wanted bytes, charging the growth. */
static int reserve(struct tmpfs_bytes *bytes, struct tmpfs_space *space, size_t wanted)
{
	if (wanted <= bytes->capacity)
		return 0;
	/* A first write gets what it asks for (the archive's files stay exact);
	 * growing doubles. */
	size_t capacity = bytes->capacity ? bytes->capacity : wanted;
	while (capacity < wanted)
		capacity = capacity > SIZE_MAX / 2 ? wanted : capacity * 2;
	/* Charge only what is asked for if doubling would pass the limit. */
	if (tmpfs_space_charge(space, capacity - bytes->capacity) != 0) {
		capacity = wanted;
		int error = tmpfs_space_charge(space, capacity - bytes->capacity);
		if (error)
			return error;
	}
	char *grown = realloc(bytes->data, capacity);
	if (!grown) {
		tmpfs_space_credit(space, capacity - bytes->capacity);
		return ENOMEM;
	}
	bytes->data = grown;
	bytes->capacity = capacity;
	return 0;
}

int tmpfs_bytes_write(struct tmpfs_bytes *bytes, struct tmpfs_space *space, int64_t offset,
                      const char *data, size_t amount)
{
	if (offset < 0)
		return EINVAL;
	if ((uint64_t)offset > TMPFS_MAX_FILE || amount > TMPFS_MAX_FILE - (uint64_t)offset)
		return EFBIG;
	size_t end = (size_t)offset + amount;
	if (amount == 0)
		return 0;
	int error = reserve(bytes, space, end);
	if (error)
		return error;
	if ((size_t)offset > bytes->size)
		memset(bytes->data + bytes->size, 0, (size_t)offset - bytes->size);
	memcpy(bytes->data + offset, data, amount);
	if (end > bytes->size)
		bytes->size = end;
	return 0;
}

int tmpfs_bytes_set_size(struct tmpfs_bytes *bytes, struct tmpfs_space *space, int64_t size)
{
	if (size < 0)
		return EINVAL;
	if ((uint64_t)size > TMPFS_MAX_FILE)
		return EFBIG;
	if ((size_t)size > bytes->size) {
		int error = reserve(bytes, space, (size_t)size);
		if (error)
			return error;
		memset(bytes->data + bytes->size, 0, (size_t)size - bytes->size);
	} else if (size == 0) {
		tmpfs_bytes_free(bytes, space);
	}
	bytes->size = (size_t)size;
	return 0;
}

void tmpfs_bytes_free(struct tmpfs_bytes *bytes, struct tmpfs_space *space)
{
	tmpfs_space_credit(space, bytes->capacity);
	free(bytes->data);
	*bytes = (struct tmpfs_bytes){0};
}

struct tmpfs_entry *tmpfs_dir_find(const struct tmpfs_dir *dir, const char *name)
{
	for (size_t i = 0; i < dir->count; i++)
		if (strcmp(dir->entries[i].name, name) == 0)
			return &dir->entries[i];
	return NULL;
}

int tmpfs_dir_add(struct tmpfs_dir *dir, struct tmpfs_space *space, const char *name, void *node)
{
	size_t name_size = strlen(name) + 1;
	int error = tmpfs_space_charge(space, name_size + sizeof(struct tmpfs_entry));
	if (error)
		return error;
	if (dir->count == dir->capacity) {
		size_t capacity = dir->capacity ? dir->capacity * 2 : 8;
		struct tmpfs_entry *grown = realloc(dir->entries, capacity * sizeof(*grown));
		if (!grown) {
			tmpfs_space_credit(space, name_size + sizeof(struct tmpfs_entry));
			return ENOMEM;
		}
		dir->entries = grown;
		dir->capacity = capacity;
	}
	char *copy = strdup(name);
	if (!copy) {
		tmpfs_space_credit(space, name_size + sizeof(struct tmpfs_entry));
		return ENOMEM;
	}
	dir->entries[dir->count++] = (struct tmpfs_entry){copy, node};
	return 0;
}

void *tmpfs_dir_remove(struct tmpfs_dir *dir, struct tmpfs_space *space, const char *name)
{
	struct tmpfs_entry *entry = tmpfs_dir_find(dir, name);
	if (!entry)
		return NULL;
	void *node = entry->node;
	tmpfs_space_credit(space, strlen(entry->name) + 1 + sizeof(struct tmpfs_entry));
	free(entry->name);
	/* Keep the order of the rest: readdir's entry numbers stay stable for
	 * the entries before it. */
	size_t index = (size_t)(entry - dir->entries);
	memmove(entry, entry + 1, (dir->count - index - 1) * sizeof(*entry));
	dir->count--;
	return node;
}

void tmpfs_dir_free(struct tmpfs_dir *dir, struct tmpfs_space *space)
{
	for (size_t i = 0; i < dir->count; i++) {
		tmpfs_space_credit(space,
		                   strlen(dir->entries[i].name) + 1 + sizeof(struct tmpfs_entry));
		free(dir->entries[i].name);
	}
	free(dir->entries);
	*dir = (struct tmpfs_dir){0};
}
