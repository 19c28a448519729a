/* The null translator's options (portable, host-tested): --zero, --full
 * (and --no-zero, --no-full at run time), --help. */
#ifndef NULL_OPTIONS_H
#define NULL_OPTIONS_H

#include <stdbool.h>

#define NULL_USAGE                                                                                 \
	"Usage: null [--zero] [--full]\n"                                                          \
	"A translator of one file with /dev/null's semantics: reads give end of file,\n"           \
	"writes are swallowed.\n"                                                                  \
	"  --zero     reads give zeroes instead (/dev/zero); --no-zero: end of file again\n"       \
	"  --full     writes fail with ENOSPC (/dev/full); --no-full: swallowed again\n"           \
	"  --help     this text\n"                                                                 \
	"Options change at run time too (fsys_set_options); unnamed ones stay as they are.\n"

struct null_modes {
	bool zero, full;
};

/* Applies the options (no program name) to *modes; *help is set by --help.
 * 0, or EINVAL for an unknown option (*bad names it; *modes unchanged). */
int null_parse_options(int argc, char **argv, struct null_modes *modes, bool *help,
                       const char **bad);

#endif
