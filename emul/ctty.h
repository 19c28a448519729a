/* The process's controlling terminal (ctty.c): the id port its session's
 * terminal gave, for the msg port's permission rule and for fork and exec. */
#ifndef EMUL_CTTY_H
#define EMUL_CTTY_H

#include <stdbool.h>
#include <mach/port.h>

/* At start, after the process identity: from INIT_PORT_CTTYID. */
void emul_ctty_init(void);
/* The ctty id port (a send right the emulator keeps; MACH_PORT_NULL: no
 * controlling terminal). Borrowed: add a reference to keep it. */
mach_port_t emul_ctty_id_port(void);
/* Replaces it (takes the caller's reference; MACH_PORT_NULL: none). */
void emul_ctty_set(mach_port_t id);
/* Whether port is a terminal's (it answers term_getctty within 2 s). */
bool emul_ctty_port_is_terminal(mach_port_t port);
/* Whether port names the ctty id port. */
bool emul_ctty_is(mach_port_t port);

/* What a call on a terminal does, for the background rule. */
enum emul_ctty_access {
	EMUL_CTTY_READ,   /* read: SIGTTIN */
	EMUL_CTTY_WRITE,  /* write: SIGTTOU with TOSTOP */
	EMUL_CTTY_CHANGE, /* tcsetattr, tcsetpgrp: SIGTTOU */
};
/* For a call on port by a process of a background group when port is its
 * controlling terminal (ctty_background.c): 0 (go on), -EIO, or -ERESTARTSYS
 * with the signal posted (the call starts again once it was taken). */
long emul_ctty_background_check(mach_port_t port, enum emul_ctty_access access);

#endif
