/* The null translator's options: --zero, --full, their --no- forms and
 * --help, from a program's argv or an fsys_set_options argz. */
#include "null_options.h"

#include <errno.h>
#include <string.h>

int null_parse_options(int argc, char **argv, struct null_modes *modes, bool *help,
                       const char **bad)
{
	struct null_modes result = *modes;
	*help = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--zero") == 0)
			result.zero = true;
		else if (strcmp(argv[i], "--no-zero") == 0)
			result.zero = false;
		else if (strcmp(argv[i], "--full") == 0)
			result.full = true;
		else if (strcmp(argv[i], "--no-full") == 0)
			result.full = false;
		else if (strcmp(argv[i], "--help") == 0)
			*help = true;
		else {
			*bad = argv[i];
			return EINVAL;
		}
	}
	*modes = result;
	return 0;
}
