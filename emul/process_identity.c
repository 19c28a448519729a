/* The process's identity: its proc port, when a proc server exists, and the
 * numbers proc gives; without proc the loader's placeholders stand. */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "process_identity.h"

static mach_port_t proc_port;

void emul_process_identity_init(void)
{
	proc_port = MACH_PORT_NULL;
}

mach_port_t emul_process_proc_port(void)
{
	return proc_port;
}

void emul_process_mark_exit(int wait_status)
{
	(void)wait_status;
}

long emul_process_kill(long pid, int signal)
{
	(void)pid;
	(void)signal;
	return -LINUX_ESRCH;
}
