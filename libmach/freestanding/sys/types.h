/* A minimal <sys/types.h> for freestanding user programs: gnumach-dev's
 * mach_debug headers include it (for nothing they use), and a freestanding
 * build has no C library to supply it. Hosted programs use the C library's. */
#ifndef LIBMACH_FREESTANDING_SYS_TYPES_H
#define LIBMACH_FREESTANDING_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;

#endif
