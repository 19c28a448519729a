/* login and su at run time: the password asked with echo off, checked by the
 * password server found at /servers/password, the handle adopted through
 * the emulator's escape hatch, and the user's shell started. */
#define _GNU_SOURCE /* setresuid, setresgid */
#include "login_session.h"
#include "utils_node.h"

#include <errno.h>
#include <grp.h>
#include <mach.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <timed_password.h>
#include <unistd.h>
#include <wildebeest/emul_native.h>

/* A wrong password is answered a second late: well within this. */
#define LOGIN_CHECK_TIMEOUT_MS 10000

bool login_ask_password(const char *prompt, char *password, size_t size)
{
	struct termios saved, quiet;
	bool terminal = tcgetattr(0, &saved) == 0;
	if (terminal) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
		quiet.c_lflag |= ECHONL;
		terminal = tcsetattr(0, TCSANOW, &quiet) == 0;
	}
	fputs(prompt, stdout);
	fflush(stdout);
	size_t length = 0;
	bool ended = false;
	while (length + 1 < size) {
		char c;
		ssize_t got = read(0, &c, 1);
		if (got <= 0 || c == '\n') {
			ended = got > 0;
			break;
		}
		password[length++] = c;
	}
	password[length] = '\0';
	if (terminal)
		(void)tcsetattr(0, TCSANOW, &saved);
	else if (ended)
		putchar('\n');
	return ended;
}

int login_check_password(const char *program, uid_t uid, const char *password, unsigned *auth)
{
	struct utils_session session;
	int error = utils_session_open(&session, program);
	if (error)
		return error;
	mach_port_t server = MACH_PORT_NULL;
	error = utils_open_node(&session, "servers/password", 0, 0, &server);
	if (!error) {
		mach_port_t handle = MACH_PORT_NULL;
		kern_return_t answer = timed_password_check_user(
		    server, LOGIN_CHECK_TIMEOUT_MS, (hurd_uid_t)uid, (char *)password, &handle);
		error = lookup_rpc_error(answer);
		if (error && error != EACCES && error != ENOENT)
			utils_report(&session, "/servers/password", "password_check_user", error);
		if (!error)
			*auth = handle;
		(void)mach_port_deallocate(mach_task_self(), server);
	}
	utils_session_close(&session);
	return error;
}

int login_adopt_auth(unsigned auth)
{
	long result = syscall(EMUL_NATIVE_ADOPT_AUTH, (long)auth);
	if (result < 0) {
		(void)mach_port_deallocate(mach_task_self(), auth);
		return errno;
	}
	return 0;
}

int login_become(const struct login_account *account)
{
	if (setgroups(account->group_count, account->groups) != 0 ||
	    setresgid(account->gid, account->gid, account->gid) != 0 ||
	    setresuid(account->uid, account->uid, account->uid) != 0)
		return errno;
	return 0;
}

void login_run_shell(const char *program, const struct login_account *account, bool login_shell)
{
	setenv("HOME", account->home, 1);
	setenv("SHELL", account->shell, 1);
	setenv("USER", account->name, 1);
	setenv("LOGNAME", account->name, 1);
	if (getenv("PATH") == NULL)
		setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);
	const char *base = strrchr(account->shell, '/');
	base = base ? base + 1 : account->shell;
	char name[LOGIN_FIELD_MAX + 1];
	snprintf(name, sizeof(name), "%s%s", login_shell ? "-" : "", base);
	if (login_shell && chdir(account->home) != 0) {
		fprintf(stderr, "%s: no home directory %s: %s; using /\n", program, account->home,
		        strerror(errno));
		(void)chdir("/");
		setenv("HOME", "/", 1);
	}
	char *const argv[] = {name, NULL};
	execv(account->shell, argv);
	fprintf(stderr, "%s: cannot run %s: %s\n", program, account->shell, strerror(errno));
}
