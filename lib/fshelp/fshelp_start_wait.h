/* The wait of lib/fshelp's timed exec_exec stub (fshelp_start.mk generates it
 * from hurd/exec.defs with `waittime fshelp_start_wait_ms`): set per call to
 * what is left of the start's timeout. */
#ifndef WB_FSHELP_START_WAIT_H
#define WB_FSHELP_START_WAIT_H

#include <mach/message.h>

extern __thread mach_msg_timeout_t fshelp_start_wait_ms;

#endif
