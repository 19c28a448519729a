/* procfs's questions to proc, each through a timed stub (a dead or stuck proc
 * is EIO, not a hang): the pids, one process's record and its argv. */
#include "procfs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <mach.h>
#include <timed_proc.h>

/* errno for a failed proc RPC: its own errno values pass, the rest is EIO. */
static int proc_error(kern_return_t kr)
{
	if (kr == ESRCH)
		return ENOENT;
	return kr > 0 && kr < 4096 ? (int)kr : EIO;
}

int procfs_process_get(struct procfs *procfs, int32_t pid, struct procfs_process *process)
{
	*process = (struct procfs_process){.pid = pid};
	hurd_pid_t ppid = 0, pgrp = 0, sid = 0;
	int uid = 0, state = 0;
	kern_return_t kr = timed_proc_getprocinfo(procfs->proc, PROCFS_PROC_TIMEOUT_MS, pid, &ppid,
	                                          &pgrp, &sid, &uid, &state);
	if (kr != KERN_SUCCESS)
		return proc_error(kr);
	process->ppid = ppid;
	process->pgrp = pgrp;
	process->sid = sid;
	process->uid = (uint32_t)uid;
	process->state = state;
	char buffer[1024];
	data_t args = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	kr = timed_proc_getprocargs(procfs->proc, PROCFS_PROC_TIMEOUT_MS, pid, &args, &length);
	if (kr != KERN_SUCCESS)
		return proc_error(kr);
	char *copy = length ? malloc(length) : NULL;
	if (copy)
		memcpy(copy, args, length);
	if (args != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)args, length);
	if (length && !copy)
		return ENOMEM;
	process->args = copy;
	process->args_length = copy ? length : 0;
	return 0;
}

void procfs_process_free(struct procfs_process *process)
{
	free((char *)process->args);
	process->args = NULL;
	process->args_length = 0;
}

int procfs_pids(struct procfs *procfs, int32_t **pids, size_t *count)
{
	hurd_pid_t buffer[256];
	hurd_pid_t *answer = buffer;
	mach_msg_type_number_t number = sizeof(buffer) / sizeof(buffer[0]);
	kern_return_t kr =
	    timed_proc_getallpids(procfs->proc, PROCFS_PROC_TIMEOUT_MS, &answer, &number);
	if (kr != KERN_SUCCESS)
		return proc_error(kr);
	int32_t *copy = malloc((number ? number : 1) * sizeof(*copy));
	if (copy)
		for (mach_msg_type_number_t i = 0; i < number; i++)
			copy[i] = answer[i];
	if (answer != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)answer,
		                    number * sizeof(hurd_pid_t));
	if (!copy)
		return ENOMEM;
	*pids = copy;
	*count = number;
	return 0;
}
