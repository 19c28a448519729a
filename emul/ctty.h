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
/* Whether port names the ctty id port. */
bool emul_ctty_is(mach_port_t port);

#endif
