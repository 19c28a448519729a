/* Children that reap themselves: with SIGCHLD's action SIG_IGN or SA_NOCLDWAIT
 * (Linux's rule), each exit proc reports with SIGCHLD is reaped at once by the
 * service thread, so no wait sees it and the last one ends in ECHILD. */
#include "emul.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "timed_proc.h"
#include "wait_reap.h"

#define LINUX_SA_NOCLDWAIT_FLAG 0x00000002u
#define REAP_TIMEOUT_MS         2000
#define REAP_AT_ONCE            64

bool emul_wait_children_reap_themselves(void)
{
	struct linux_sigaction action = emul_signal_action(LINUX_SIGCHLD);
	return action.handler == LINUX_SIG_IGN || (action.flags & LINUX_SA_NOCLDWAIT_FLAG);
}

void emul_wait_reap_exited(void)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc) || !emul_wait_children_reap_themselves())
		return;
	for (int i = 0; i < REAP_AT_ONCE; i++) {
		int status = 0, sigcode = 0;
		hurd_pid_t pid = 0;
		rusage_t usage;
		/* Without UNTRACED or CONTINUED proc reports exits only. */
		if (timed_proc_wait(proc, REAP_TIMEOUT_MS, -1, PROC_WAIT_NOHANG, &status, &sigcode,
		                    &usage, &pid) != KERN_SUCCESS ||
		    pid <= 0)
			return;
	}
}
