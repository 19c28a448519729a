/* The wait of lib/fshelp's timed fsys stubs (fshelp.mk generates them from
 * hurd/fsys.defs with `waittime fshelp_translator_wait_ms`): set per call, so
 * that a translator that never answers fsys_getroot or fsys_goaway costs its
 * file system a timeout, not a worker forever. */
#ifndef WB_FSHELP_TRANSLATOR_WAIT_H
#define WB_FSHELP_TRANSLATOR_WAIT_H

#include <mach/message.h>

extern __thread mach_msg_timeout_t fshelp_translator_wait_ms;

#endif
