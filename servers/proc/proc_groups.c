/* The proc server's process groups and sessions: setpgrp, getpgrp, setsid,
 * getsid with POSIX's rules (proc_table.c holds them). */
#include "proc_server.h"

#include <errno.h>
#include <hurd/proc_server.h>

kern_return_t S_proc_setpgrp(process_t process, hurd_pid_t pid, hurd_pid_t pgrp)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error =
	    caller ? proc_table_setpgrp(&proc_table, caller, pid, pgrp) : EOPNOTSUPP;
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_setsid(process_t process, hurd_pid_t *sid)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error = caller ? proc_table_setsid(&proc_table, caller, sid) : EOPNOTSUPP;
	pthread_mutex_unlock(&proc_lock);
	return error;
}

/* The record of pid (0: the caller's), a zombie's too: until reaped it keeps
 * its group and session, as getpgid/getsid answer on Linux. */
static kern_return_t find_pid(hurd_pid_t pid, struct proc_record **record)
{
	struct proc_record *caller = proc_caller_locked();
	if (!caller)
		return EOPNOTSUPP;
	*record = pid == 0 ? caller : proc_table_find(&proc_table, pid);
	return *record ? 0 : ESRCH;
}

kern_return_t S_proc_getpgrp(process_t process, hurd_pid_t pid, hurd_pid_t *pgrp)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	kern_return_t error = find_pid(pid, &record);
	if (!error)
		*pgrp = record->pgrp;
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_getsid(process_t process, hurd_pid_t pid, hurd_pid_t *sid)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	kern_return_t error = find_pid(pid, &record);
	if (!error)
		*sid = record->sid;
	pthread_mutex_unlock(&proc_lock);
	return error;
}
