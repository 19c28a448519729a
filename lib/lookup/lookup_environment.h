/* What lib/lookup takes from its environment: string functions and errno
 * numbers from glibc in programs, or declared here for the emulator. */
#ifndef WB_LOOKUP_ENVIRONMENT_H
#define WB_LOOKUP_ENVIRONMENT_H

#include <stddef.h>

#if __STDC_HOSTED__
#include <errno.h>
#include <string.h>
#else
/* The emulator links kernel/lib/string.c. */
void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
int memcmp(const void *a, const void *b, size_t length);
size_t strlen(const char *string);
size_t strnlen(const char *string, size_t max);
/* Linux's numbers (what the emulator hands to programs). */
#define ENOENT       2
#define EINTR        4
#define EIO          5
#define ENOMEM       12
#define EXDEV        18
#define EINVAL       22
#define ENAMETOOLONG 36
#define ELOOP        40
#define EPROTO       71
#define EOPNOTSUPP   95
#define ETIMEDOUT    110
#endif

#endif
