/* What libmach-glibc.a (libmach/libmach_glibc.mk) adds for glibc programs on
 * the emulator: the bootstrap port mach_init fetched through the escape hatch. */
#ifndef LIBMACH_GLIBC_H
#define LIBMACH_GLIBC_H

#include <mach/port.h>

/* A send right to the task's bootstrap port (MACH_PORT_NULL if it has none),
 * set by mach_init, which runs before main. */
extern mach_port_t libmach_bootstrap_port;

#endif
