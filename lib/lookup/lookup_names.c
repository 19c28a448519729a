/* lib/lookup's name text work: crossing parents, joining, and the lexical
 * resolution used when a ".." leaves a translator no crossing is known for. */
#include "lookup_names.h"
#include "lookup_environment.h"

size_t lookup_leading_slashes(const char *name)
{
	size_t count = 0;
	while (name[count] == '/')
		count++;
	return count;
}

bool lookup_is_dotdot(const char *name)
{
	return name[0] == '.' && name[1] == '.' && (name[2] == '\0' || name[2] == '/');
}

bool lookup_crossing_parent(const char *sent, size_t sent_length, const char *retry,
                            size_t retry_length, size_t *parent_length)
{
	*parent_length = 0;
	if (retry_length >= sent_length)
		return false;
	size_t consumed = sent_length - retry_length;
	if (memcmp(sent + consumed, retry, retry_length) != 0)
		return false;
	if (retry_length > 0 && sent[consumed - 1] != '/' && retry[0] != '/')
		return false;
	while (consumed > 0 && sent[consumed - 1] == '/')
		consumed--;
	while (consumed > 0 && sent[consumed - 1] != '/')
		consumed--;
	while (consumed > 0 && sent[consumed - 1] == '/')
		consumed--;
	*parent_length = consumed;
	return true;
}

int lookup_join(char *out, size_t out_size, const char *first, size_t first_length,
                const char *second)
{
	size_t second_length = strlen(second);
	size_t slash = first_length > 0 && second_length > 0 ? 1 : 0;
	if (first_length + slash + second_length >= out_size)
		return ENAMETOOLONG;
	memcpy(out, first, first_length);
	if (slash)
		out[first_length] = '/';
	memcpy(out + first_length + slash, second, second_length);
	out[first_length + slash + second_length] = '\0';
	return 0;
}

/* Applies one component (length bytes) to the lexical result in out. */
static int lexical_step(char *out, size_t out_size, size_t *used, const char *component,
                        size_t length)
{
	if (length == 0 || (length == 1 && component[0] == '.'))
		return 0;
	if (length == 2 && component[0] == '.' && component[1] == '.') {
		while (*used > 0 && out[*used - 1] != '/')
			(*used)--;
		if (*used > 0)
			(*used)--; /* the slash before the removed component */
		return 0;
	}
	size_t slash = *used > 0 ? 1 : 0;
	if (*used + slash + length >= out_size)
		return ENAMETOOLONG;
	if (slash)
		out[(*used)++] = '/';
	memcpy(out + *used, component, length);
	*used += length;
	return 0;
}

static int lexical_walk(char *out, size_t out_size, size_t *used, const char *text)
{
	while (*text != '\0') {
		size_t length = 0;
		while (text[length] != '\0' && text[length] != '/')
			length++;
		int error = lexical_step(out, out_size, used, text, length);
		if (error)
			return error;
		text += length;
		text += lookup_leading_slashes(text);
	}
	return 0;
}

int lookup_lexical(char *out, size_t out_size, const char *base, const char *name)
{
	size_t used = 0;
	if (out_size == 0)
		return ENAMETOOLONG;
	int error = 0;
	if (name[0] != '/' && base != NULL)
		error = lexical_walk(out, out_size, &used, base);
	if (!error)
		error = lexical_walk(out, out_size, &used, name);
	if (error)
		return error;
	size_t name_length = strlen(name);
	if (used > 0 && name_length > 0 && name[name_length - 1] == '/') {
		if (used + 1 >= out_size)
			return ENAMETOOLONG;
		out[used++] = '/';
	}
	out[used] = '\0';
	return 0;
}
