/* login: starts a user's session on this terminal. `login -f USER` (root
 * only) becomes USER without a password; `login [USER]` asks the name if not
 * given and the password (echo off), checked by the password server; then
 * the motd, the user's identity, HOME/USER/SHELL/LOGNAME, the home directory
 * and the user's shell as a login shell. */
#include "login_session.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fputs("Usage: login [-f] [USER]\n"
	      "Start USER's shell on this terminal, after asking the password.\n"
	      "  -f      no password: only root may\n"
	      "  --help  give this help\n",
	      out);
}

static bool ask_name(char *name, size_t size)
{
	fputs("login: ", stdout);
	fflush(stdout);
	if (fgets(name, (int)size, stdin) == NULL)
		return false;
	name[strcspn(name, "\n")] = '\0';
	return name[0] != '\0';
}

static void show_motd(void)
{
	FILE *motd = fopen("/etc/motd", "r");
	if (motd == NULL)
		return;
	char line[256];
	while (fgets(line, sizeof(line), motd))
		fputs(line, stdout);
	fclose(motd);
	fflush(stdout);
}

/* Checks the password of name's account and takes its handle: 0 or 1. */
static int authenticate(const char *name, struct login_account *account)
{
	char password[256];
	if (!login_ask_password("Password: ", password, sizeof(password)))
		return 1;
	int error = login_find_account(name, account);
	unsigned auth = 0;
	if (!error)
		error = login_check_password("login", account->uid, password, &auth);
	memset(password, 0, sizeof(password));
	if (error == ENOENT || error == EACCES) {
		puts("Login incorrect");
		return 1;
	}
	if (!error && (error = login_adopt_auth(auth)) != 0)
		fprintf(stderr, "login: cannot take %s's identity: %s\n", name, strerror(error));
	return error ? 1 : 0;
}

int main(int argc, char **argv)
{
	bool force = false;
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0)
			force = true;
		else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' || name != NULL) {
			usage(stderr);
			return 2;
		} else
			name = argv[i];
	}
	static char asked[256];
	if (name == NULL) {
		if (force || !ask_name(asked, sizeof(asked))) {
			usage(stderr);
			return 2;
		}
		name = asked;
	}
	struct login_account account;
	if (force) {
		if (geteuid() != 0) {
			fputs("login: -f: only root may log in without a password\n", stderr);
			return 1;
		}
		int error = login_find_account(name, &account);
		if (error) {
			fprintf(stderr, "login: %s: %s\n", name,
			        error == ENOENT ? "no such user" : strerror(error));
			return 1;
		}
		error = login_become(&account);
		if (error) {
			fprintf(stderr, "login: cannot become %s: %s\n", name, strerror(error));
			return 1;
		}
	} else if (authenticate(name, &account) != 0) {
		return 1;
	}
	show_motd();
	login_run_shell("login", &account, true);
	return 1;
}
