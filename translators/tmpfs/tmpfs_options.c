/* tmpfs's options (tmpfs_options.h): --size, --translator-timeout,
 * --archive, --help; parsed at start and by fsys_set_options. */
#include "tmpfs_options.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void tmpfs_options_default(struct tmpfs_options *options)
{
	*options = (struct tmpfs_options){.translator_timeout_ms = TMPFS_DEFAULT_TIMEOUT_MS};
}

int tmpfs_parse_size(const char *text, uint64_t *bytes)
{
	if (*text < '0' || *text > '9')
		return EINVAL;
	uint64_t value = 0;
	for (; *text >= '0' && *text <= '9'; text++) {
		if (__builtin_mul_overflow(value, 10, &value) ||
		    __builtin_add_overflow(value, (uint64_t)(*text - '0'), &value))
			return EOVERFLOW;
	}
	unsigned shift = 0;
	switch (*text) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		return EINVAL;
	}
	if (*text && text[1] != '\0')
		return EINVAL;
	if (shift && value > (UINT64_MAX >> shift))
		return EOVERFLOW;
	*bytes = value << shift;
	return 0;
}

/* "--name=VALUE": VALUE, or NULL. */
static const char *option_value(const char *argument, const char *name)
{
	size_t length = strlen(name);
	if (strncmp(argument, name, length) != 0 || argument[length] != '=')
		return NULL;
	return argument + length + 1;
}

int tmpfs_options_apply(struct tmpfs_options *options, int argc, char **argv, bool at_run_time)
{
	struct tmpfs_options changed = *options;
	for (int i = 0; i < argc; i++) {
		const char *value;
		if ((value = option_value(argv[i], "--size"))) {
			if (tmpfs_parse_size(value, &changed.size_limit) != 0)
				return EINVAL;
		} else if (!at_run_time &&
		           (value = option_value(argv[i], "--translator-timeout"))) {
			uint64_t milliseconds;
			if (tmpfs_parse_size(value, &milliseconds) != 0 || milliseconds == 0 ||
			    milliseconds > 600000 || strpbrk(value, "kKmMgG"))
				return EINVAL;
			changed.translator_timeout_ms = (unsigned)milliseconds;
		} else if (!at_run_time && (value = option_value(argv[i], "--archive"))) {
			if (value[0] == '\0' || strlen(value) >= sizeof(changed.archive))
				return EINVAL;
			strcpy(changed.archive, value);
		} else if (!at_run_time && strcmp(argv[i], "--help") == 0) {
			changed.help = true;
		} else {
			return EINVAL;
		}
	}
	*options = changed;
	return 0;
}

int tmpfs_options_describe(const struct tmpfs_options *options, struct netfs_buffer *argz)
{
	char text[64];
	int error = 0;
	if (options->size_limit) {
		snprintf(text, sizeof(text), "--size=%llu",
		         (unsigned long long)options->size_limit);
		error = netfs_buffer_add_string(argz, text);
	}
	if (!error) {
		snprintf(text, sizeof(text), "--translator-timeout=%u",
		         options->translator_timeout_ms);
		error = netfs_buffer_add_string(argz, text);
	}
	return error;
}
