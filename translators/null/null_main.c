/* The null translator as a program: null [--zero] [--full]; started as a
 * boot module, it registers its control port and serves until fsys_goaway. */
#include <stdio.h>
#include <string.h>
#include "null_node.h"

#define NULL_WORKERS 4

int main(int argc, char **argv)
{
	struct null_modes modes = {0};
	bool help;
	const char *bad;
	if (null_parse_options(argc - 1, argv + 1, &modes, &help, &bad)) {
		fprintf(stderr, "null: unknown option %s\n%s", bad, NULL_USAGE);
		return 64;
	}
	if (help) {
		fputs(NULL_USAGE, stdout);
		return 0;
	}
	struct trivfs *fs;
	int error = null_start(modes, NULL_WORKERS, &fs);
	if (error) {
		fprintf(stderr, "null: cannot start: %s\n", strerror(error));
		return 1;
	}
	return trivfs_serve_as_boot_module(fs);
}
