/* tmpfs's options, pure and host-tested: parsing the command line and
 * fsys_set_options, and the argz fsys_get_options shows. */
#ifndef WB_TMPFS_OPTIONS_H
#define WB_TMPFS_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "netfs_logic.h"

#define TMPFS_DEFAULT_TIMEOUT_MS 5000
#define TMPFS_ARCHIVE_NAME_MAX   200

struct tmpfs_options {
	uint64_t size_limit;                  /* bytes; 0: no limit */
	unsigned translator_timeout_ms;       /* fsys_startup of a passive translator */
	char archive[TMPFS_ARCHIVE_NAME_MAX]; /* the initial tree's boot module, or "" */
	bool help;
};

#define TMPFS_USAGE                                                                                \
	"Usage: tmpfs [--size=BYTES[k|m|g]] [--translator-timeout=MS] [--archive=MODULE]\n"        \
	"An in-memory file system; registers its root directory as \"root\".\n"                    \
	"  --size=BYTES            refuse writes (ENOSPC) beyond this much (also at run time)\n"   \
	"  --translator-timeout=MS wait this long for a passive translator's fsys_startup\n"       \
	"  --archive=MODULE        fill the tree from the boot module of that path (ustar)\n"      \
	"  --help                  print this and exit\n"

void tmpfs_options_default(struct tmpfs_options *options);
/* Applies argv[0..argc) (options only). At run time only --size may change.
 * EINVAL for anything unknown or malformed (options unchanged then). */
int tmpfs_options_apply(struct tmpfs_options *options, int argc, char **argv, bool at_run_time);
/* Appends the current options (after the program name) to argz. */
int tmpfs_options_describe(const struct tmpfs_options *options, struct netfs_buffer *argz);
/* "123", "64k", "2m", "1g": EINVAL when malformed, EOVERFLOW. */
int tmpfs_parse_size(const char *text, uint64_t *bytes);

#endif
