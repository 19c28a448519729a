/* Parsing of the password server's files (password_files.h): lines split into
 * colon-separated fields, exact field counts, decimal ids; anything else is a
 * malformed line and is skipped. */
#include "password_files.h"

#include <errno.h>
#include <string.h>

#define MAX_FIELDS 9

struct field {
	const char *start;
	size_t length;
};

/* Splits the line [start, end) into exactly count fields: true if it has
 * exactly count (no NUL, no carriage return inside). */
static bool split_line(const char *start, const char *end, unsigned count,
                       struct field fields[MAX_FIELDS])
{
	unsigned found = 0;
	const char *field = start;
	for (const char *cursor = start;; cursor++) {
		if (cursor == end || *cursor == ':') {
			if (found == count)
				return false;
			fields[found++] = (struct field){field, (size_t)(cursor - field)};
			if (cursor == end)
				break;
			field = cursor + 1;
		} else if (*cursor == '\0' || *cursor == '\r')
			return false;
	}
	return found == count;
}

/* A decimal id below 2^32 - 1 (the all-ones "no id" is refused). */
static bool parse_id(const struct field *field, uint32_t *id)
{
	if (field->length == 0 || field->length > 10)
		return false;
	uint64_t value = 0;
	for (size_t i = 0; i < field->length; i++) {
		char digit = field->start[i];
		if (digit < '0' || digit > '9')
			return false;
		value = value * 10 + (uint64_t)(digit - '0');
	}
	if (value >= UINT32_MAX)
		return false;
	*id = (uint32_t)value;
	return true;
}

static bool field_is(const struct field *field, const char *text)
{
	return field->length == strlen(text) && memcmp(field->start, text, field->length) == 0;
}

static int copy_field(const struct field *field, char *out, size_t size)
{
	if (field->length >= size)
		return ENAMETOOLONG;
	memcpy(out, field->start, field->length);
	out[field->length] = '\0';
	return 0;
}

/* Calls visit on each well-formed line of count fields until it returns
 * non-negative; returns that, or -1. */
typedef int (*line_visitor)(struct field fields[MAX_FIELDS], void *context);
static int each_line(const char *text, size_t length, unsigned count, line_visitor visit,
                     void *context)
{
	const char *end = text + length;
	for (const char *line = text; line < end;) {
		const char *newline = memchr(line, '\n', (size_t)(end - line));
		const char *line_end = newline ? newline : end;
		struct field fields[MAX_FIELDS];
		if (line_end > line && *line != '#' && split_line(line, line_end, count, fields) &&
		    fields[0].length > 0) {
			int result = visit(fields, context);
			if (result >= 0)
				return result;
		}
		line = line_end + 1;
	}
	return -1;
}

struct user_search {
	uint32_t uid;
	struct password_user *user;
};

static int visit_user(struct field fields[MAX_FIELDS], void *opaque)
{
	struct user_search *search = opaque;
	uint32_t uid, gid;
	if (!parse_id(&fields[2], &uid) || !parse_id(&fields[3], &gid) || uid != search->uid)
		return -1;
	if (copy_field(&fields[0], search->user->name, sizeof(search->user->name)))
		return -1; /* a name too long is a malformed line */
	search->user->uid = uid;
	search->user->gid = gid;
	return 0;
}

int password_find_user(const char *passwd, size_t length, uint32_t uid, struct password_user *user)
{
	struct user_search search = {uid, user};
	return each_line(passwd, length, 7, visit_user, &search) == 0 ? 0 : ENOENT;
}

struct hash_search {
	const char *name;
	char *hash;
};

static int visit_hash(struct field fields[MAX_FIELDS], void *opaque)
{
	struct hash_search *search = opaque;
	if (!field_is(&fields[0], search->name))
		return -1;
	return copy_field(&fields[1], search->hash, PASSWORD_HASH_MAX);
}

int password_find_hash(const char *text, size_t length, unsigned fields, const char *name,
                       char hash[PASSWORD_HASH_MAX])
{
	if (fields < 2 || fields > MAX_FIELDS)
		return EINVAL;
	struct hash_search search = {name, hash};
	int result = each_line(text, length, fields, visit_hash, &search);
	return result < 0 ? ENOENT : result;
}

struct group_search {
	uint32_t gid;
	char *name, *hash;
};

static int visit_group(struct field fields[MAX_FIELDS], void *opaque)
{
	struct group_search *search = opaque;
	uint32_t gid;
	if (!parse_id(&fields[2], &gid) || gid != search->gid)
		return -1;
	int error = copy_field(&fields[0], search->name, PASSWORD_NAME_MAX);
	return error ? error : copy_field(&fields[1], search->hash, PASSWORD_HASH_MAX);
}

int password_find_group(const char *group, size_t length, uint32_t gid,
                        char name[PASSWORD_NAME_MAX], char hash[PASSWORD_HASH_MAX])
{
	struct group_search search = {gid, name, hash};
	int result = each_line(group, length, 4, visit_group, &search);
	return result < 0 ? ENOENT : result;
}

struct membership {
	const char *user;
	uint32_t *gids;
	size_t count;
};

static bool add_gid(struct membership *membership, uint32_t gid)
{
	for (size_t i = 0; i < membership->count; i++)
		if (membership->gids[i] == gid)
			return true;
	if (membership->count == PASSWORD_MAX_GROUPS)
		return false;
	membership->gids[membership->count++] = gid;
	return true;
}

static int visit_membership(struct field fields[MAX_FIELDS], void *opaque)
{
	struct membership *membership = opaque;
	uint32_t gid;
	if (!parse_id(&fields[2], &gid))
		return -1;
	const char *cursor = fields[3].start, *end = fields[3].start + fields[3].length;
	while (cursor < end) {
		const char *comma = memchr(cursor, ',', (size_t)(end - cursor));
		struct field member = {cursor, (size_t)((comma ? comma : end) - cursor)};
		if (field_is(&member, membership->user))
			return add_gid(membership, gid) ? -1 : 0; /* 0: full, stop */
		cursor = (comma ? comma : end) + 1;
	}
	return -1;
}

size_t password_user_groups(const char *group, size_t length, const char *user, uint32_t primary,
                            uint32_t gids[PASSWORD_MAX_GROUPS])
{
	struct membership membership = {user, gids, 0};
	add_gid(&membership, primary);
	(void)each_line(group, length, 4, visit_membership, &membership);
	return membership.count;
}

bool password_hash_usable(const char *hash)
{
	return hash[0] != '\0' && hash[0] != '!' && hash[0] != '*' && strcmp(hash, "x") != 0;
}
