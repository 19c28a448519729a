/* The process's message port (msgport.c): what other processes send signals
 * to, through proc_getmsgport and msg_sig_post (hurd/msg.defs). */
#ifndef EMUL_MSGPORT_H
#define EMUL_MSGPORT_H

#include <stdbool.h>
#include <mach/port.h>

/* Makes the port and gives proc a send right; false without proc. */
bool emul_msgport_init(void);
/* Its receive right (MACH_PORT_NULL before init or without proc). */
mach_port_t emul_msgport_receive_right(void);

#endif
