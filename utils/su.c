/* su: runs a shell as another user (root by default) after the password
 * server has accepted that user's password; the identity is the handle it
 * gives. `su -` (or -l) starts a login shell in the user's home directory.
 * Root needs no password. */
#include "login_session.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fputs("Usage: su [-] [USER]\n"
	      "Run a shell as USER (root by default), after asking USER's password.\n"
	      "  -, -l, --login  a login shell in USER's home directory\n"
	      "  --help          give this help\n",
	      out);
}

int main(int argc, char **argv)
{
	bool login_shell = false;
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 || strcmp(argv[i], "-l") == 0 ||
		    strcmp(argv[i], "--login") == 0)
			login_shell = true;
		else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' || name != NULL) {
			usage(stderr);
			return 2;
		} else
			name = argv[i];
	}
	if (name == NULL)
		name = "root";
	struct login_account account;
	int error = login_find_account(name, &account);
	if (error) {
		fprintf(stderr, "su: user %s does not exist\n", name);
		return 1;
	}
	if (geteuid() == 0) {
		error = login_become(&account);
	} else {
		char password[256];
		unsigned auth = 0;
		if (!login_ask_password("Password: ", password, sizeof(password)))
			return 1;
		error = login_check_password("su", account.uid, password, &auth);
		memset(password, 0, sizeof(password));
		if (error == EACCES || error == ENOENT) {
			fputs("su: Authentication failure\n", stderr);
			return 1;
		}
		if (!error)
			error = login_adopt_auth(auth);
	}
	if (error) {
		fprintf(stderr, "su: cannot become %s: %s\n", name, strerror(error));
		return 1;
	}
	login_run_shell("su", &account, login_shell);
	return 1;
}
