/* tmpfs's pax extended-header reader (tmpfs_pax.h), written from POSIX's
 * description of the pax interchange format's records. */
#include "tmpfs_pax.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* Keys that change what the ustar header says: refused, not half-applied. */
static bool changes_entry(const char *key, size_t length)
{
	static const char *const keys[] = {"path", "linkpath", "size", "uid", "gid"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i]) == length && memcmp(keys[i], key, length) == 0)
			return true;
	return false;
}

/* "/hurd/null --zero" as the argz "/hurd/null\0--zero\0". */
static int translator_argz(const char *value, size_t length, struct tmpfs_pax *pax)
{
	if (length == 0 || length + 1 > sizeof(pax->translator) || value[0] != '/')
		return EINVAL;
	for (size_t i = 0; i < length; i++) {
		char c = value[i];
		if (c == '\0' || c == '\n' || (c == ' ' && (i == 0 || value[i - 1] == ' ')))
			return EINVAL; /* NULs, or empty words */
		pax->translator[i] = c == ' ' ? '\0' : c;
	}
	if (value[length - 1] == ' ')
		return EINVAL;
	pax->translator[length] = '\0';
	pax->translator_length = length + 1;
	return 0;
}

int tmpfs_pax_read(const char *data, size_t size, struct tmpfs_pax *pax)
{
	pax->translator_length = 0;
	size_t at = 0;
	while (at < size) {
		/* LENGTH counts the whole record, its own digits and the newline. */
		size_t length = 0, digits = 0;
		while (at + digits < size && data[at + digits] >= '0' && data[at + digits] <= '9') {
			if (length > size)
				return EINVAL;
			length = length * 10 + (size_t)(data[at + digits] - '0');
			digits++;
		}
		if (digits == 0 || at + digits >= size || data[at + digits] != ' ' ||
		    length < digits + 4 || length > size - at || data[at + length - 1] != '\n')
			return EINVAL;
		const char *key = data + at + digits + 1;
		const char *end = data + at + length - 1; /* the newline */
		const char *equals = memchr(key, '=', (size_t)(end - key));
		if (equals == NULL || equals == key)
			return EINVAL;
		size_t key_length = (size_t)(equals - key);
		const char *value = equals + 1;
		size_t value_length = (size_t)(end - value);
		if (changes_entry(key, key_length))
			return EINVAL;
		if (key_length == strlen(TMPFS_PAX_TRANSLATOR_KEY) &&
		    memcmp(key, TMPFS_PAX_TRANSLATOR_KEY, key_length) == 0) {
			int error = translator_argz(value, value_length, pax);
			if (error)
				return error;
		}
		at += length;
	}
	return 0;
}
