/* Who the process is: its proc port when a proc server exists
 * (process_identity.c), else the loader's placeholder numbers. */
#ifndef EMUL_PROCESS_IDENTITY_H
#define EMUL_PROCESS_IDENTITY_H

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

/* Finds the process's proc port at start: INIT_PORT_PROC, else "proc" in the
 * boot runner's registry and proc_task2proc. Without one, placeholders. */
void emul_process_identity_init(void);
/* The proc port (MACH_PORT_NULL without proc). */
mach_port_t emul_process_proc_port(void);
/* Tells proc the process ends with this Linux wait status (nothing without proc). */
void emul_process_mark_exit(int wait_status);
/* The process's end (exit.c): wait_status to proc, report_value to whoever
 * started the task as message report_id on its bootstrap port, then the task
 * terminates itself. */
_Noreturn void emul_process_end(int wait_status, mach_msg_id_t report_id, int report_value);

/* A proc or msg RPC's result as -errno (0 for success). */
long emul_process_error(kern_return_t result);
/* kill(pid, signal) of another process or a group through proc: 0 or -errno. */
long emul_process_kill(long pid, int signal);

#endif
