/* printf-style formatting into a buffer, freestanding; used by the kernel's
 * console and by the in-guest test runtime. */
#ifndef WB_LIB_FORMAT_H
#define WB_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Supports %d %i %u %x %X %o %c %s %p %% with flags '-' '0', a width, and the
 * l, ll, z, h length modifiers. Always NUL-terminates when size > 0; returns the
 * length the full output would have had. */
int format_string(char *buffer, size_t size, const char *format, va_list args);
int format_string_to(char *buffer, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#endif
