/* The terminal requests of ioctl (term_ioctl.c), asked of the port behind a
 * descriptor through hurd/term.defs. */
#ifndef EMUL_TERM_IOCTL_H
#define EMUL_TERM_IOCTL_H

#include <stdint.h>
#include "files.h"

/* request on entry's port: 0 or -errno (-ENOTTY: not a terminal or not a
 * terminal request). */
long emul_term_ioctl(const struct emul_fd *entry, uint64_t request, uint64_t argument);

#endif
