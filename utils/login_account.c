/* login and su's reading of /etc/passwd and /etc/group (seven and four
 * colon-separated fields, numeric ids): one account and its groups. */
#include "login_session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits line in place at ':' into at most count fields; their number. */
static size_t split(char *line, char **fields, size_t count)
{
	size_t found = 0;
	line[strcspn(line, "\n")] = '\0';
	for (char *at = line; found < count; at++) {
		fields[found++] = at;
		at = strchr(at, ':');
		if (at == NULL)
			break;
		*at = '\0';
	}
	return found;
}

static bool number(const char *text, unsigned long *value)
{
	char *end;
	errno = 0;
	*value = strtoul(text, &end, 10);
	return *text && *end == '\0' && errno == 0 && *value < 0xffffffffu;
}

static bool copy_field(char *to, const char *from)
{
	size_t length = strlen(from);
	if (length >= LOGIN_FIELD_MAX)
		return false;
	memcpy(to, from, length + 1);
	return true;
}

/* Whether member is one of group's comma-separated members. */
static bool lists(const char *members, const char *name)
{
	size_t length = strlen(name);
	for (const char *at = members; *at;) {
		size_t part = strcspn(at, ",");
		if (part == length && strncmp(at, name, length) == 0)
			return true;
		at += part + (at[part] == ',');
	}
	return false;
}

static void add_groups(struct login_account *account)
{
	account->groups[0] = account->gid;
	account->group_count = 1;
	FILE *file = fopen("/etc/group", "r");
	if (file == NULL)
		return;
	char line[1024];
	while (fgets(line, sizeof(line), file) && account->group_count < LOGIN_GROUPS_MAX) {
		char *fields[4];
		unsigned long gid;
		if (split(line, fields, 4) == 4 && number(fields[2], &gid) && gid != account->gid &&
		    lists(fields[3], account->name))
			account->groups[account->group_count++] = (gid_t)gid;
	}
	fclose(file);
}

int login_find_account(const char *name, struct login_account *account)
{
	FILE *file = fopen("/etc/passwd", "r");
	if (file == NULL)
		return errno;
	char line[1024];
	int error = ENOENT;
	while (error == ENOENT && fgets(line, sizeof(line), file)) {
		char *fields[7];
		unsigned long uid, gid;
		if (split(line, fields, 7) != 7 || strcmp(fields[0], name) != 0 ||
		    !number(fields[2], &uid) || !number(fields[3], &gid))
			continue;
		memset(account, 0, sizeof(*account));
		account->uid = (uid_t)uid;
		account->gid = (gid_t)gid;
		if (!copy_field(account->name, fields[0]) ||
		    !copy_field(account->home, fields[5]) ||
		    !copy_field(account->shell, fields[6][0] ? fields[6] : "/bin/sh"))
			continue;
		error = 0;
	}
	fclose(file);
	if (!error)
		add_groups(account);
	return error;
}
