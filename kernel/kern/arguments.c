/* Command-line word splitting (see arguments.h). */
#include "kern/arguments.h"
#include "lib/kstring.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

int arguments_split(const char *line, char *storage, size_t storage_size, char **words,
                    size_t max_words)
{
	size_t used = 0;
	int count = 0;
	const char *p = line;
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		if ((size_t)count >= max_words)
			return -1;
		words[count++] = storage + used;
		char quote = 0; /* inside '...' or "...": spaces belong to the word */
		while (*p && (quote || !is_space(*p))) {
			if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p++;
				continue;
			}
			if (quote && *p == quote) {
				quote = 0;
				p++;
				continue;
			}
			if (used + 1 >= storage_size)
				return -1;
			storage[used++] = *p++;
		}
		if (used >= storage_size)
			return -1;
		storage[used++] = '\0';
	}
	return count;
}

bool arguments_has_flag(const char *line, const char *flag)
{
	size_t length = strlen(flag);
	const char *p = line;
	while (*p) {
		while (is_space(*p))
			p++;
		const char *start = p;
		while (*p && !is_space(*p))
			p++;
		if ((size_t)(p - start) == length && strncmp(start, flag, length) == 0)
			return true;
	}
	return false;
}

/* The decimal number in [start, end), or false. */
static bool parse_decimal(const char *start, const char *end, uint64_t *value)
{
	if (start == end)
		return false;
	uint64_t result = 0;
	for (const char *p = start; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		uint64_t digit = (uint64_t)(*p - '0');
		if (result > (UINT64_MAX - digit) / 10)
			return false;
		result = result * 10 + digit;
	}
	*value = result;
	return true;
}

bool arguments_get_number(const char *line, const char *key, uint64_t *value)
{
	size_t length = strlen(key);
	bool found = false;
	const char *p = line;
	while (*p) {
		while (is_space(*p))
			p++;
		const char *start = p;
		while (*p && !is_space(*p))
			p++;
		uint64_t parsed;
		if ((size_t)(p - start) > length && strncmp(start, key, length) == 0 &&
		    start[length] == '=' && parse_decimal(start + length + 1, p, &parsed)) {
			*value = parsed;
			found = true;
		}
	}
	return found;
}
