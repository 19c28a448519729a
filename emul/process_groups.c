/* The process-group and session calls through proc (getppid, getpgid,
 * getpgrp, setpgid, setsid, getsid), with placeholders when there is no proc:
 * the process is alone, its own group and session. */
#include <stdbool.h>
#include "emul.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "syscalls.h"
#include "timed_proc.h"

#define PROC_TIMEOUT_MS 5000

static bool have_proc(void)
{
	return MACH_PORT_VALID(emul_process_proc_port());
}

long emul_sys_getppid(struct emul_frame *frame)
{
	(void)frame;
	if (!have_proc())
		return emul_process.ppid;
	hurd_pid_t pid, ppid;
	int orphaned;
	kern_return_t result =
	    timed_proc_getpids(emul_process_proc_port(), PROC_TIMEOUT_MS, &pid, &ppid, &orphaned);
	return result == KERN_SUCCESS ? ppid : emul_process.ppid;
}

static long group_of(int64_t pid)
{
	if (pid < 0)
		return -LINUX_EINVAL;
	if (!have_proc())
		return pid == 0 || pid == emul_process.pid ? emul_process.pid : -LINUX_ESRCH;
	hurd_pid_t group = 0;
	kern_return_t result =
	    timed_proc_getpgrp(emul_process_proc_port(), PROC_TIMEOUT_MS,
	                       pid == 0 ? emul_process.pid : (int32_t)pid, &group);
	return result == KERN_SUCCESS ? group : emul_process_error(result);
}

long emul_sys_getpgid(struct emul_frame *frame)
{
	return group_of((int32_t)frame->rdi);
}

long emul_sys_getpgrp(struct emul_frame *frame)
{
	(void)frame;
	return group_of(0);
}

long emul_sys_setpgid(struct emul_frame *frame)
{
	int64_t pid = (int32_t)frame->rdi, group = (int32_t)frame->rsi;
	if (pid < 0 || group < 0)
		return -LINUX_EINVAL;
	if (!have_proc())
		return (pid == 0 || pid == emul_process.pid) &&
		               (group == 0 || group == emul_process.pid)
		           ? 0
		           : -LINUX_EPERM;
	int32_t target = pid == 0 ? emul_process.pid : (int32_t)pid;
	return emul_process_error(timed_proc_setpgrp(emul_process_proc_port(), PROC_TIMEOUT_MS,
	                                             target, group == 0 ? target : (int32_t)group));
}

long emul_sys_setsid(struct emul_frame *frame)
{
	(void)frame;
	if (!have_proc())
		return -LINUX_EPERM; /* alone: already the leader of its group */
	hurd_pid_t session = 0;
	kern_return_t result =
	    timed_proc_setsid(emul_process_proc_port(), PROC_TIMEOUT_MS, &session);
	return result == KERN_SUCCESS ? session : emul_process_error(result);
}

long emul_sys_getsid(struct emul_frame *frame)
{
	int64_t pid = (int32_t)frame->rdi;
	if (pid < 0)
		return -LINUX_EINVAL;
	if (!have_proc())
		return pid == 0 || pid == emul_process.pid ? emul_process.pid : -LINUX_ESRCH;
	hurd_pid_t session = 0;
	kern_return_t result =
	    timed_proc_getsid(emul_process_proc_port(), PROC_TIMEOUT_MS,
	                      pid == 0 ? emul_process.pid : (int32_t)pid, &session);
	return result == KERN_SUCCESS ? session : emul_process_error(result);
}
