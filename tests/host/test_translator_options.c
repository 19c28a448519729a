/* Host test of the hello and null translators' options
 * (translators/hello/hello_options.c, translators/null/null_options.c). */
#include "hello_options.h"
#include "null_options.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

int main(void)
{
	struct hello_options hello;
	const char *bad = NULL;
	CHECK(hello_parse_options(0, NULL, &hello, &bad) == 0 && hello.contents == NULL &&
	          !hello.help,
	      "hello: no options leave the contents alone");
	char *set[] = {"--contents=Bonjour\n", "--contents=Hi"};
	CHECK(hello_parse_options(2, set, &hello, &bad) == 0 && strcmp(hello.contents, "Hi") == 0,
	      "hello: the last --contents wins");
	char *empty[] = {"--contents="};
	CHECK(hello_parse_options(1, empty, &hello, &bad) == 0 && hello.contents[0] == '\0',
	      "hello: empty contents are contents");
	char *help[] = {"--help"};
	CHECK(hello_parse_options(1, help, &hello, &bad) == 0 && hello.help, "hello: --help");
	char *unknown[] = {"--contents=x", "--zero"};
	CHECK(hello_parse_options(2, unknown, &hello, &bad) == EINVAL && strcmp(bad, "--zero") == 0,
	      "hello: an unknown option is EINVAL and named");
	CHECK(strcmp(HELLO_DEFAULT_CONTENTS, "Hello, world!\n") == 0, "hello: the default text");

	struct null_modes modes = {0};
	bool wants_help = true;
	CHECK(null_parse_options(0, NULL, &modes, &wants_help, &bad) == 0 && !modes.zero &&
	          !modes.full && !wants_help,
	      "null: plain /dev/null by default");
	char *both[] = {"--zero", "--full"};
	CHECK(null_parse_options(2, both, &modes, &wants_help, &bad) == 0 && modes.zero &&
	          modes.full,
	      "null: --zero and --full together");
	char *off[] = {"--no-full"};
	CHECK(null_parse_options(1, off, &modes, &wants_help, &bad) == 0 && modes.zero &&
	          !modes.full,
	      "null: an option not named stays as it was");
	char *wrong[] = {"--no-zero", "--contents=x"};
	CHECK(null_parse_options(2, wrong, &modes, &wants_help, &bad) == EINVAL && modes.zero &&
	          strcmp(bad, "--contents=x") == 0,
	      "null: an unknown option is EINVAL and changes nothing");
	CHECK(null_parse_options(1, help, &modes, &wants_help, &bad) == 0 && wants_help,
	      "null: --help");
	return tap_finish();
}
