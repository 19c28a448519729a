/* What login and su share: a user's account from /etc/passwd and /etc/group,
 * the password asked on the terminal and checked by the password server
 * (/servers/password), the handle it gives adopted as our identity, and the
 * user's shell started. */
#ifndef WB_UTILS_LOGIN_SESSION_H
#define WB_UTILS_LOGIN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LOGIN_FIELD_MAX  256
#define LOGIN_GROUPS_MAX 32

struct login_account {
	char name[LOGIN_FIELD_MAX];
	uid_t uid;
	gid_t gid;
	char home[LOGIN_FIELD_MAX];
	char shell[LOGIN_FIELD_MAX];
	gid_t groups[LOGIN_GROUPS_MAX]; /* the gid, then /etc/group's lines naming the user */
	size_t group_count;
};

/* The account named name: 0, ENOENT when /etc/passwd has no such user, or
 * the error reading the files. */
int login_find_account(const char *name, struct login_account *account);

/* Asks prompt on the terminal (fd 0) and reads a line with echo off; false
 * at end of file or on a read error. */
bool login_ask_password(const char *prompt, char *password, size_t size);

/* The password server's verdict on uid's password: 0 with *auth the new
 * handle, EACCES for a wrong password, or why it could not be asked (a
 * message printed for those, as program). */
int login_check_password(const char *program, uid_t uid, const char *password, unsigned *auth);

/* Our identity becomes the handle's (the emulator's escape hatch): 0 or an
 * errno value. */
int login_adopt_auth(unsigned auth);

/* Our identity becomes the account's through setgroups/setgid/setuid (root
 * only): 0 or an errno value. */
int login_become(const struct login_account *account);

/* Sets HOME, SHELL, USER and LOGNAME; with login_shell, changes to the home
 * directory (/ if it cannot) and runs the shell as a login shell ("-sh").
 * Returns only on failure, after a message. */
void login_run_shell(const char *program, const struct login_account *account, bool login_shell);

#endif
