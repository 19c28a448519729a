/* The exec server's pure logic (exec_logic.h): argz splitting, the execute
 * permission check and the init ports with exec's defaults. */
#include "exec_logic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int exec_argz_split(const char *argz, size_t length, size_t max_words, char ***vector,
                    size_t *count, char **copy)
{
	*vector = NULL;
	*copy = NULL;
	*count = 0;
	if (length > 0 && argz[length - 1] != '\0')
		return EINVAL;
	size_t words = 0;
	for (size_t i = 0; i < length; i++)
		if (argz[i] == '\0')
			words++;
	if (words > max_words)
		return E2BIG;
	char *bytes = malloc(length ? length : 1);
	char **pointers = calloc(words + 1, sizeof(char *));
	if (!bytes || !pointers) {
		free(bytes);
		free(pointers);
		return ENOMEM;
	}
	if (length)
		memcpy(bytes, argz, length);
	size_t word = 0;
	for (size_t start = 0; start < length; start += strlen(bytes + start) + 1)
		pointers[word++] = bytes + start;
	pointers[word] = NULL;
	*vector = pointers;
	*copy = bytes;
	*count = words;
	return 0;
}

int exec_mode_allows(uint32_t mode)
{
	const uint32_t type_mask = 0170000, regular = 0100000, any_execute = 0111;
	if ((mode & type_mask) != regular || (mode & any_execute) == 0)
		return EACCES;
	return 0;
}

static int port_valid(uint32_t port)
{
	return port != 0 && port != ~0u;
}

int exec_merge_ports(const uint32_t *given, size_t given_count, const uint32_t *defaults,
                     size_t default_count, int use_defaults, uint32_t *out, size_t *count)
{
	if (!use_defaults)
		default_count = 0;
	size_t total = given_count > default_count ? given_count : default_count;
	if (total > EXEC_MAX_INIT_PORT)
		return EINVAL;
	for (size_t i = 0; i < EXEC_MAX_INIT_PORT; i++) {
		uint32_t port = 0;
		if (i < given_count && port_valid(given[i]))
			port = given[i];
		else if (i < default_count && port_valid(defaults[i]))
			port = defaults[i];
		out[i] = port;
	}
	*count = total;
	return 0;
}
