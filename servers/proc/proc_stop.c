/* The proc server's job control: a process's stop and continue (proc_mark_stop,
 * proc_mark_cont: waits and SIGCHLD for its parent) and a group's pids. */
#include "proc_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/proc_server.h>

#define LINUX_CLD_STOPPED   5
#define LINUX_CLD_CONTINUED 6

kern_return_t S_proc_mark_stop(process_t process, int signo, int sigcode)
{
	(void)process;
	(void)sigcode;
	if (signo <= 0 || signo > 64)
		return EINVAL;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	struct sigchld_post *sigchld = NULL;
	if (caller) {
		proc_table_mark_stop(caller, signo);
		sigchld = proc_sigchld_prepare_code_locked(caller, LINUX_CLD_STOPPED);
		proc_answer_waits_locked();
	}
	pthread_mutex_unlock(&proc_lock);
	proc_sigchld_send(sigchld);
	return caller ? 0 : EOPNOTSUPP;
}

kern_return_t S_proc_mark_cont(process_t process)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	struct sigchld_post *sigchld = NULL;
	if (caller && proc_table_mark_cont(caller)) {
		sigchld = proc_sigchld_prepare_code_locked(caller, LINUX_CLD_CONTINUED);
		proc_answer_waits_locked();
	}
	pthread_mutex_unlock(&proc_lock);
	proc_sigchld_send(sigchld);
	return caller ? 0 : EOPNOTSUPP;
}

kern_return_t S_proc_getpgrppids(process_t process, hurd_pid_t pgrp, pidarray_t *pids,
                                 mach_msg_type_number_t *pidsCnt)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error = caller ? 0 : EOPNOTSUPP;
	proc_pid_t group = caller && pgrp == 0 ? caller->pgrp : pgrp;
	size_t count = error ? 0 : proc_table_pgrp_pids(&proc_table, group, NULL, 0);
	if (!error && (count == 0 || pgrp < 0))
		error = ESRCH;
	if (!error && count > *pidsCnt) {
		vm_address_t address = 0;
		if (vm_allocate(mach_task_self(), &address, count * sizeof(hurd_pid_t), TRUE) !=
		    KERN_SUCCESS)
			error = ENOMEM;
		else
			*pids = (hurd_pid_t *)address; /* the reply takes it (dealloc) */
	}
	if (!error) {
		proc_table_pgrp_pids(&proc_table, group, *pids, count);
		*pidsCnt = (mach_msg_type_number_t)count;
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}
