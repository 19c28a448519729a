/* The Mach IPC traps (mach_traps.c), called by the system-call dispatcher. */
#ifndef WB_KERN_MACH_TRAPS_H
#define WB_KERN_MACH_TRAPS_H

#include <stdint.h>

struct trap_frame;

#define MACH_TRAP_MSG         -25
#define MACH_TRAP_REPLY_PORT  -26
#define MACH_TRAP_THREAD_SELF -27
#define MACH_TRAP_TASK_SELF   -28
#define MACH_TRAP_HOST_SELF   -29

int64_t trap_mach_msg(const struct trap_frame *frame);
int64_t trap_mach_reply_port(void);
int64_t trap_mach_thread_self(void);
int64_t trap_mach_task_self(void);
int64_t trap_mach_host_self(void);

#endif
