/* Host unit test of the exec server's pure logic (servers/exec/exec_logic.c):
 * argz vectors split into argv/envp (empty, missing final NUL, too many
 * words), the execute-permission check, and init ports with exec's defaults. */
#include "tap.h"
#include "exec_logic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void check_argz(void)
{
	char **vector, *copy;
	size_t count;
	static const char argz[] = "prog\0two words\0\0last";
	int error = exec_argz_split(argz, sizeof(argz), 10, &vector, &count, &copy);
	CHECK(error == 0 && count == 4 && strcmp(vector[0], "prog") == 0 &&
	          strcmp(vector[1], "two words") == 0 && vector[2][0] == '\0' &&
	          strcmp(vector[3], "last") == 0 && vector[4] == NULL,
	      "an argz vector splits into its words, an empty one kept, NULL-terminated");
	CHECK(vector[0] != argz, "the words are a copy, not the request's bytes");
	free(vector);
	free(copy);

	error = exec_argz_split(NULL, 0, 10, &vector, &count, &copy);
	CHECK(error == 0 && count == 0 && vector[0] == NULL, "length 0 is an empty vector");
	free(vector);
	free(copy);

	error = exec_argz_split("abc", 3, 10, &vector, &count, &copy);
	CHECK(error == EINVAL && vector == NULL && copy == NULL,
	      "a vector without its final NUL is EINVAL, nothing allocated");
	error = exec_argz_split(argz, sizeof(argz), 3, &vector, &count, &copy);
	CHECK(error == E2BIG && vector == NULL, "more words than allowed is E2BIG");
	error = exec_argz_split(argz, sizeof(argz), 4, &vector, &count, &copy);
	CHECK(error == 0 && count == 4, "exactly the allowed number of words fits");
	free(vector);
	free(copy);
}

static void check_modes(void)
{
	CHECK(exec_mode_allows(0100755) == 0 && exec_mode_allows(0100100) == 0 &&
	          exec_mode_allows(0100001) == 0 && exec_mode_allows(0100010) == 0,
	      "a regular file with any execute bit may be executed");
	CHECK(exec_mode_allows(0100644) == EACCES && exec_mode_allows(0100000) == EACCES,
	      "a regular file without execute bits is EACCES");
	CHECK(exec_mode_allows(040755) == EACCES && exec_mode_allows(020755) == EACCES &&
	          exec_mode_allows(0755) == EACCES,
	      "a directory, a device or a mode without a type is EACCES");
}

static void check_ports(void)
{
	uint32_t out[EXEC_MAX_INIT_PORT];
	size_t count = 99;
	const uint32_t given[6] = {0x101, 0, 0x303, ~0u, 0, 0x606};
	const uint32_t defaults[7] = {0xa01, 0xa02, 0xa03, 0xa04, 0xa05, 0xa06, 0xa07};
	int error = exec_merge_ports(given, 6, defaults, 7, 0, out, &count);
	CHECK(error == 0 && count == 6 && out[0] == 0x101 && out[1] == 0 && out[2] == 0x303 &&
	          out[3] == 0 && out[5] == 0x606 && out[6] == 0,
	      "without EXEC_DEFAULTS the given ports pass as they are (dead names as none)");
	error = exec_merge_ports(given, 6, defaults, 7, 1, out, &count);
	CHECK(error == 0 && count == 7 && out[0] == 0x101 && out[1] == 0xa02 && out[2] == 0x303 &&
	          out[3] == 0xa04 && out[4] == 0xa05 && out[5] == 0x606 && out[6] == 0xa07,
	      "with EXEC_DEFAULTS the missing ones come from the defaults, given ones win");
	error = exec_merge_ports(NULL, 0, NULL, 0, 1, out, &count);
	CHECK(error == 0 && count == 0 && out[0] == 0, "no ports and no defaults: none");
	uint32_t many[EXEC_MAX_INIT_PORT + 1] = {0};
	error = exec_merge_ports(many, EXEC_MAX_INIT_PORT + 1, NULL, 0, 0, out, &count);
	CHECK(error == EINVAL, "more than %d ports is EINVAL", EXEC_MAX_INIT_PORT);
	error = exec_merge_ports(given, 6, many, EXEC_MAX_INIT_PORT + 1, 0, out, &count);
	CHECK(error == 0 && count == 6, "too many defaults do not matter without EXEC_DEFAULTS");
}

static void check_script(void)
{
	char interpreter[EXEC_SCRIPT_LINE_MAX + 1], argument[EXEC_SCRIPT_LINE_MAX + 1];
	const char plain[] = "#!/bin/sh\necho hi\n";
	CHECK(exec_is_script(plain, sizeof(plain) - 1) && !exec_is_script("\177ELF", 4) &&
	          !exec_is_script("#", 1),
	      "a file starting with #! is a script, others are not");
	int error = exec_script_parse(plain, sizeof(plain) - 1, interpreter, argument);
	CHECK(error == 0 && strcmp(interpreter, "/bin/sh") == 0 && argument[0] == '\0',
	      "#!/bin/sh: the interpreter and no argument");
	const char spaced[] = "#!  /bin/busybox   sh -x  \t\nrest";
	error = exec_script_parse(spaced, sizeof(spaced) - 1, interpreter, argument);
	CHECK(error == 0 && strcmp(interpreter, "/bin/busybox") == 0 &&
	          strcmp(argument, "sh -x") == 0,
	      "blanks trimmed, the rest of the line is one argument (\"%s\")", argument);
	const char unterminated[] = "#!/bin/sh";
	error = exec_script_parse(unterminated, sizeof(unterminated) - 1, interpreter, argument);
	CHECK(error == 0 && strcmp(interpreter, "/bin/sh") == 0,
	      "a script of one line without a newline");
	CHECK(exec_script_parse("#!   \n", 6, interpreter, argument) == ENOEXEC,
	      "#! without an interpreter is ENOEXEC");
	char longer[400];
	memset(longer, 'a', sizeof(longer));
	longer[0] = '#', longer[1] = '!', longer[2] = '/';
	CHECK(exec_script_parse(longer, sizeof(longer), interpreter, argument) == ENOEXEC,
	      "an interpreter name longer than the line is ENOEXEC");
	char *const argv[] = {"script", "one", "two", NULL};
	char **vector = exec_script_argv("/bin/busybox", "sh", "/tmp/s", argv);
	CHECK(vector && strcmp(vector[0], "/bin/busybox") == 0 && strcmp(vector[1], "sh") == 0 &&
	          strcmp(vector[2], "/tmp/s") == 0 && strcmp(vector[3], "one") == 0 &&
	          strcmp(vector[4], "two") == 0 && vector[5] == NULL,
	      "the interpreter's argv: interpreter, argument, file name, argv[1..]");
	free(vector);
	vector = exec_script_argv("/bin/sh", "", "/tmp/s", argv);
	CHECK(vector && strcmp(vector[1], "/tmp/s") == 0 && strcmp(vector[2], "one") == 0,
	      "without an argument the file name follows the interpreter");
	free(vector);
}

int main(void)
{
	check_argz();
	check_modes();
	check_ports();
	check_script();
	return tap_finish();
}
