/* The terminal requests of ioctl (term_ioctl.c), asked of the port behind a
 * descriptor through hurd/term.defs. */
#ifndef EMUL_TERM_IOCTL_H
#define EMUL_TERM_IOCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/port.h>
#include "files.h"

/* request on entry's port: 0 or -errno (-ENOTTY: not a terminal or not a
 * terminal request). */
long emul_term_ioctl(const struct emul_fd *entry, uint64_t request, uint64_t argument);

/* The controlling terminal's requests (term_ctty_ioctl.c). */
#define LINUX_TIOCSCTTY 0x540E
#define LINUX_TIOCNOTTY 0x5422
#define LINUX_TIOCGSID  0x5429
/* TIOCSCTTY, TIOCNOTTY, TIOCGSID on the terminal port: 0 or -errno. */
long emul_term_ctty_ioctl(mach_port_t port, uint64_t request, uint64_t argument);
/* TIOCSPGRP's rule: false (ENOTTY) when the process has a controlling
 * terminal and port is another one. */
bool emul_term_may_set_foreground(mach_port_t port);

#endif
