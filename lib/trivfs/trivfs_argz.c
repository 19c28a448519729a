/* lib/trivfs: argz vectors (fsys_get_options' answer, fsys_set_options'
 * request) — building, splitting into an argv, and "--name=VALUE" options. */
#include "trivfs_logic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int trivfs_argz_add(struct trivfs_argz *argz, const char *string)
{
	size_t size = strlen(string) + 1;
	char *grown = realloc(argz->data, argz->length + size);
	if (!grown)
		return ENOMEM;
	memcpy(grown + argz->length, string, size);
	argz->data = grown;
	argz->length += size;
	return 0;
}

void trivfs_argz_free(struct trivfs_argz *argz)
{
	free(argz->data);
	argz->data = NULL;
	argz->length = 0;
}

int trivfs_argz_split(const char *data, size_t length, char ***vector, int *count, char **copy)
{
	if (length > 0 && data[length - 1] != '\0')
		return EINVAL;
	int strings = 0;
	for (size_t i = 0; i < length; i++)
		strings += data[i] == '\0';
	char *text = malloc(length ? length : 1);
	char **pointers = calloc((size_t)strings + 1, sizeof(*pointers));
	if (!text || !pointers) {
		free(text);
		free(pointers);
		return ENOMEM;
	}
	if (length)
		memcpy(text, data, length);
	size_t start = 0;
	for (int i = 0; i < strings; i++) {
		pointers[i] = text + start;
		start += strlen(text + start) + 1;
	}
	*vector = pointers;
	*count = strings;
	*copy = text;
	return 0;
}

bool trivfs_option_value(const char *argument, const char *name, const char **value)
{
	size_t length = strlen(name);
	if (strncmp(argument, name, length) != 0 || argument[length] != '=')
		return false;
	*value = argument + length + 1;
	return true;
}
