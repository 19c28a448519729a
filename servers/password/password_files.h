/* The password server's reading of /etc/passwd, /etc/shadow, /etc/group and
 * /etc/gshadow texts: pure C without Mach (host tested in
 * tests/host/password_files.t). Malformed lines are skipped, never fatal. */
#ifndef PASSWORD_FILES_H
#define PASSWORD_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PASSWORD_NAME_MAX   256 /* a user or group name with its NUL */
#define PASSWORD_HASH_MAX   512 /* a hash field with its NUL */
#define PASSWORD_MAX_GROUPS 64  /* groups of one user (the primary first) */

struct password_user {
	char name[PASSWORD_NAME_MAX];
	uint32_t uid, gid;
};

/* uid's entry in a passwd text (name:password:uid:gid:gecos:home:shell, seven
 * fields, numeric ids): 0, or ENOENT (no well-formed line has it). The first
 * well-formed line with uid wins. */
int password_find_user(const char *passwd, size_t length, uint32_t uid, struct password_user *user);

/* The hash field of name's line in a shadow text (nine fields) or, with
 * fields 4, of a gshadow text (name:hash:admins:members): 0 with hash
 * NUL-terminated, ENOENT if no well-formed line has name, ENAMETOOLONG if the
 * hash does not fit. */
int password_find_hash(const char *text, size_t length, unsigned fields, const char *name,
                       char hash[PASSWORD_HASH_MAX]);

/* gid's line in a group text (name:password:gid:members, four fields): 0
 * with its name and password field, or ENOENT / ENAMETOOLONG. */
int password_find_group(const char *group, size_t length, uint32_t gid,
                        char name[PASSWORD_NAME_MAX], char hash[PASSWORD_HASH_MAX]);

/* A user's groups: primary first, then the gid of every well-formed group
 * line whose member list (comma-separated) names user, without repeats, at
 * most PASSWORD_MAX_GROUPS. Returns how many. */
size_t password_user_groups(const char *group, size_t length, const char *user, uint32_t primary,
                            uint32_t gids[PASSWORD_MAX_GROUPS]);

/* Whether a hash field can ever match: not empty, not locked ("!..."), not
 * disabled ("*..."), not a placeholder ("x"). */
bool password_hash_usable(const char *hash);

#endif
