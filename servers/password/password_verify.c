/* password_matches (password_verify.h): crypt_rn with a heap-allocated
 * struct crypt_data (32 KiB, too large for a worker's stack), then a
 * comparison that does not stop at the first differing byte. */
#include "password_verify.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>
#include "password_files.h"

bool password_matches(const char *password, const char *hash)
{
	if (!password_hash_usable(hash))
		return false;
	struct crypt_data *data = calloc(1, sizeof(*data));
	if (!data)
		return false;
	const char *computed = crypt_rn(password, hash, data, (int)sizeof(*data));
	bool equal = false;
	if (computed && computed[0] != '*') {
		size_t length = strlen(hash);
		if (strlen(computed) == length) {
			unsigned char difference = 0;
			for (size_t i = 0; i < length; i++)
				difference |= (unsigned char)(computed[i] ^ hash[i]);
			equal = difference == 0;
		}
	}
	explicit_bzero(data, sizeof(*data));
	free(data);
	return equal;
}
