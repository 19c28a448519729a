/* libmach's start-up state: the task's own port, cached once at start as on
 * GNU Mach (mach_task_self_), and the traps that name the caller's objects. */
#ifndef _MACH_INIT_H_
#define _MACH_INIT_H_

#include <mach/port.h>
#include <mach/kern_return.h>

/* The traps (gnumach-dev's mach/syscall_sw.h numbers -26 .. -29). Each returns
 * a new right the caller owns: mach_reply_port a receive right, the others a
 * send right (one more user reference each call). The parentheses keep the
 * declaration safe from the mach_task_self() macro below. */
extern mach_port_t(mach_reply_port)(void);
extern mach_port_t(mach_thread_self)(void);
extern mach_port_t(mach_task_self)(void);
extern mach_port_t(mach_host_self)(void);

/* The task's own port (a send right), fetched once by mach_init. */
extern mach_port_t mach_task_self_;
#define mach_task_self() (mach_task_self_ + 0)

/* Sets mach_task_self_ up; the runtime calls it once before main. Returns
 * KERN_FAILURE if the kernel gave no task port. */
extern kern_return_t mach_init(void);

#endif
