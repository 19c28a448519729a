/* The hello translator's hooks for lib/trivfs: reads of the contents,
 * their size, and the options that change and report them. */
#include "hello_node.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "hello_options.h"

struct hello {
	char *contents;
	size_t length;
};

static int read_contents(struct trivfs *fs, int64_t offset, char *buffer, size_t amount,
                         size_t *done)
{
	struct hello *hello = trivfs_server(fs);
	*done = trivfs_read_span(offset, (int64_t)hello->length, amount);
	if (*done)
		memcpy(buffer, hello->contents + offset, *done);
	return 0;
}

static int64_t contents_size(struct trivfs *fs)
{
	struct hello *hello = trivfs_server(fs);
	return (int64_t)hello->length;
}

static int set_contents(struct hello *hello, const char *contents)
{
	char *copy = strdup(contents);
	if (!copy)
		return ENOMEM;
	free(hello->contents);
	hello->contents = copy;
	hello->length = strlen(copy);
	return 0;
}

static int set_options(struct trivfs *fs, int argc, char **argv)
{
	struct hello_options options;
	const char *bad;
	int error = hello_parse_options(argc, argv, &options, &bad);
	if (!error && options.help)
		error = EINVAL; /* nowhere to print it at run time */
	if (!error && options.contents)
		error = set_contents(trivfs_server(fs), options.contents);
	return error;
}

static int get_options(struct trivfs *fs, struct trivfs_argz *argz)
{
	struct hello *hello = trivfs_server(fs);
	static const char prefix[] = "--contents=";
	char *option = malloc(sizeof(prefix) + hello->length);
	if (!option)
		return ENOMEM;
	memcpy(option, prefix, sizeof(prefix) - 1);
	memcpy(option + sizeof(prefix) - 1, hello->contents, hello->length + 1);
	int error = trivfs_argz_add(argz, option);
	free(option);
	return error;
}

static const struct trivfs_hooks hello_hooks = {
    .read = read_contents,
    .size = contents_size,
    .set_options = set_options,
    .get_options = get_options,
};

int hello_start(const char *contents, unsigned max_workers, struct trivfs **fs)
{
	struct hello *hello = calloc(1, sizeof(*hello));
	if (!hello)
		return ENOMEM;
	int error = set_contents(hello, contents);
	if (error) {
		free(hello);
		return error;
	}
	struct trivfs_config config = {
	    .name = "hello",
	    .mode = S_IFREG | 0444,
	    .max_workers = max_workers,
	    .hooks = &hello_hooks,
	    .server = hello,
	};
	return trivfs_create(&config, fs);
}
