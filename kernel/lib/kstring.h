/* The C string and memory functions the kernel uses, with their standard
 * prototypes: kernel/lib/string.c implements them in the kernel, libc on the host. */
#ifndef WB_LIB_KSTRING_H
#define WB_LIB_KSTRING_H

#include <stddef.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *dest, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
