/* password.defs' routines: find the user (or group), read its hash, check the
 * password with libxcrypt, and on success make an auth handle for that
 * identity with the server's root handle (auth_makeauth); a wrong password,
 * a locked or missing hash is EACCES after the delay (password_delay.c). */
#include "password_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/auth.h>
#include <hurd/password_server.h>
#include "password_files.h"
#include "password_verify.h"

const struct ports_class password_server_class = {"password server", NULL};

/* Whether the RPC came to the server object. */
static bool to_server(void)
{
	struct ports_object *object = ports_rpc_object();
	return object && object->class == &password_server_class;
}

/* Whether MIG's string_t holds a NUL within its 1024 bytes (MIG does not
 * check: a hostile client could send none). */
static bool terminated(const char *password)
{
	return strnlen(password, 1024) < 1024;
}

/* A file's text, or an error (a missing file is ENOENT). */
struct file_text {
	char *text;
	size_t length;
};

static int read_text(const char *path, struct file_text *file)
{
	*file = (struct file_text){NULL, 0};
	return password_read_file(path, &file->text, &file->length);
}

/* A handle for uids (0 or 1 of them) and gids, made by the root handle. */
static kern_return_t make_handle(const uint32_t *uids, size_t uid_count, const uint32_t *gids,
                                 size_t gid_count, mach_port_t *auth, mach_msg_type_name_t *poly)
{
	mach_port_t handle = MACH_PORT_NULL;
	kern_return_t result = auth_makeauth(
	    password_auth, NULL, MACH_MSG_TYPE_COPY_SEND, 0, uids,
	    (mach_msg_type_number_t)uid_count, uids, (mach_msg_type_number_t)uid_count, gids,
	    (mach_msg_type_number_t)gid_count, gids, (mach_msg_type_number_t)gid_count, &handle);
	if (result != KERN_SUCCESS)
		return result > 0 && result < 4096 ? result : EIO;
	*auth = handle;
	*poly = MACH_MSG_TYPE_MOVE_SEND;
	return 0;
}

kern_return_t S_password_check_user(mach_port_t server, reply_port_t reply, hurd_uid_t uid,
                                    const_string_t password, mach_port_t *auth,
                                    mach_msg_type_name_t *authPoly)
{
	(void)server;
	if (!to_server())
		return EOPNOTSUPP;
	if (!terminated(password))
		return EINVAL;
	struct file_text passwd, shadow = {NULL, 0}, group = {NULL, 0};
	int error = read_text("/etc/passwd", &passwd);
	struct password_user user;
	if (!error)
		error = password_find_user(passwd.text, passwd.length, uid, &user);
	free(passwd.text);
	if (error)
		return error; /* ENOENT: no such user */
	char hash[PASSWORD_HASH_MAX] = "";
	error = read_text("/etc/shadow", &shadow);
	bool matches = false;
	if (!error) {
		matches = password_find_hash(shadow.text, shadow.length, 9, user.name, hash) == 0 &&
		          password_matches(password, hash);
	}
	free(shadow.text);
	explicit_bzero(hash, sizeof(hash));
	if (error && error != ENOENT)
		return error; /* the file system failed: not the user's fault */
	if (!matches)
		return password_refuse_later(reply, false);
	uint32_t gids[PASSWORD_MAX_GROUPS] = {user.gid};
	size_t gid_count = 1;
	if (read_text("/etc/group", &group) == 0)
		gid_count =
		    password_user_groups(group.text, group.length, user.name, user.gid, gids);
	free(group.text);
	const uint32_t uids[] = {uid};
	return make_handle(uids, 1, gids, gid_count, auth, authPoly);
}

kern_return_t S_password_check_group(mach_port_t server, reply_port_t reply, hurd_gid_t gid,
                                     const_string_t password, mach_port_t *auth,
                                     mach_msg_type_name_t *authPoly)
{
	(void)server;
	if (!to_server())
		return EOPNOTSUPP;
	if (!terminated(password))
		return EINVAL;
	struct file_text group, gshadow;
	char name[PASSWORD_NAME_MAX], hash[PASSWORD_HASH_MAX] = "";
	int error = read_text("/etc/group", &group);
	if (!error)
		error = password_find_group(group.text, group.length, gid, name, hash);
	free(group.text);
	if (error)
		return error; /* ENOENT: no such group */
	/* A gshadow line for the group has the last word. */
	if (read_text("/etc/gshadow", &gshadow) == 0) {
		char shadowed[PASSWORD_HASH_MAX];
		if (password_find_hash(gshadow.text, gshadow.length, 4, name, shadowed) == 0)
			memcpy(hash, shadowed, sizeof(hash));
		explicit_bzero(shadowed, sizeof(shadowed));
		free(gshadow.text);
	}
	bool matches = password_matches(password, hash);
	explicit_bzero(hash, sizeof(hash));
	if (!matches)
		return password_refuse_later(reply, true);
	const uint32_t gids[] = {gid};
	return make_handle(NULL, 0, gids, 1, auth, authPoly);
}
