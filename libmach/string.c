/* The memory functions generated stubs and the compiler call, for freestanding
 * programs. Weak: a C library's or a runtime's own definitions take precedence. */
#include <stddef.h>

__attribute__((weak)) void *memcpy(void *destination, const void *source, size_t length)
{
	unsigned char *to = destination;
	const unsigned char *from = source;
	while (length--)
		*to++ = *from++;
	return destination;
}

__attribute__((weak)) void *memset(void *destination, int value, size_t length)
{
	unsigned char *to = destination;
	while (length--)
		*to++ = (unsigned char)value;
	return destination;
}
