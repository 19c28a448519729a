/* The null translator's hooks for lib/trivfs: reads give end of file (or
 * zeroes), writes are swallowed (or fail with ENOSPC); options. */
#include "null_node.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int read_nothing_or_zeroes(struct trivfs *fs, int64_t offset, char *buffer, size_t amount,
                                  size_t *done)
{
	(void)offset;
	struct null_modes *modes = trivfs_server(fs);
	*done = 0;
	if (modes->zero) {
		memset(buffer, 0, amount);
		*done = amount;
	}
	return 0;
}

static int swallow_or_refuse(struct trivfs *fs, int64_t offset, const char *data, size_t amount,
                             size_t *done)
{
	(void)offset, (void)data;
	struct null_modes *modes = trivfs_server(fs);
	*done = modes->full ? 0 : amount;
	return modes->full ? ENOSPC : 0;
}

static int set_options(struct trivfs *fs, int argc, char **argv)
{
	struct null_modes *modes = trivfs_server(fs), changed = *modes;
	bool help;
	const char *bad;
	int error = null_parse_options(argc, argv, &changed, &help, &bad);
	if (!error && help)
		error = EINVAL; /* nowhere to print it at run time */
	if (!error)
		*modes = changed;
	return error;
}

static int get_options(struct trivfs *fs, struct trivfs_argz *argz)
{
	struct null_modes *modes = trivfs_server(fs);
	int error = 0;
	if (modes->zero)
		error = trivfs_argz_add(argz, "--zero");
	if (!error && modes->full)
		error = trivfs_argz_add(argz, "--full");
	return error;
}

static const struct trivfs_hooks null_hooks = {
    .read = read_nothing_or_zeroes,
    .write = swallow_or_refuse,
    .set_options = set_options,
    .get_options = get_options,
};

int null_start(struct null_modes modes, unsigned max_workers, struct trivfs **fs)
{
	struct null_modes *state = malloc(sizeof(*state));
	if (!state)
		return ENOMEM;
	*state = modes;
	struct trivfs_config config = {
	    .name = "null",
	    .mode = S_IFCHR | 0666,
	    .max_workers = max_workers,
	    .hooks = &null_hooks,
	    .server = state,
	};
	return trivfs_create(&config, fs);
}
