/* The hello translator's options: --contents=TEXT and --help, from a
 * program's argv or an fsys_set_options argz. */
#include "hello_options.h"

#include <errno.h>
#include <string.h>
#include "trivfs_logic.h"

int hello_parse_options(int argc, char **argv, struct hello_options *options, const char **bad)
{
	*options = (struct hello_options){0};
	for (int i = 0; i < argc; i++) {
		const char *value;
		if (trivfs_option_value(argv[i], "--contents", &value)) {
			options->contents = value;
		} else if (strcmp(argv[i], "--help") == 0) {
			options->help = true;
		} else {
			*bad = argv[i];
			return EINVAL;
		}
	}
	return 0;
}
