/* The hello translator as a program: hello [--contents=TEXT]; started as a
 * boot module, it registers its control port and serves until fsys_goaway. */
#include <stdio.h>
#include <string.h>
#include "hello_node.h"
#include "hello_options.h"

#define HELLO_WORKERS 4

int main(int argc, char **argv)
{
	struct hello_options options;
	const char *bad;
	if (hello_parse_options(argc - 1, argv + 1, &options, &bad)) {
		fprintf(stderr, "hello: unknown option %s\n%s", bad, HELLO_USAGE);
		return 64;
	}
	if (options.help) {
		fputs(HELLO_USAGE, stdout);
		return 0;
	}
	struct trivfs *fs;
	int error = hello_start(options.contents ? options.contents : HELLO_DEFAULT_CONTENTS,
	                        HELLO_WORKERS, &fs);
	if (error) {
		fprintf(stderr, "hello: cannot start: %s\n", strerror(error));
		return 1;
	}
	return trivfs_serve_as_boot_module(fs);
}
