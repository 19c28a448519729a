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

int main(void)
{
	check_argz();
	check_modes();
	check_ports();
	return tap_finish();
}
