/* proc_getprocinfo: what ps (procfs) shows of a process — parent, process
 * group, session, owner and whether it runs, is stopped or is a zombie. */
#include "proc_server.h"

#include <errno.h>
#include <hurd/proc_server.h>

/* The states proc.defs names for proc_getprocinfo. */
enum { PROC_INFO_STATE_ALIVE = 0, PROC_INFO_STATE_STOPPED = 1, PROC_INFO_STATE_ZOMBIE = 2 };

kern_return_t S_proc_getprocinfo(process_t process, hurd_pid_t pid, hurd_pid_t *ppid,
                                 hurd_pid_t *pgrp, hurd_pid_t *sid, int *uid, int *state)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	kern_return_t error = proc_caller_locked() ? 0 : EOPNOTSUPP;
	struct proc_record *record = error ? NULL : proc_table_find(&proc_table, pid);
	if (!error && !record)
		error = ESRCH;
	if (!error) {
		*ppid = record->ppid;
		*pgrp = record->pgrp;
		*sid = record->sid;
		*uid = (int)record->owner_uid;
		*state = record->dead      ? PROC_INFO_STATE_ZOMBIE
		         : record->stopped ? PROC_INFO_STATE_STOPPED
		                           : PROC_INFO_STATE_ALIVE;
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}
