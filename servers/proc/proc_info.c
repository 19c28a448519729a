/* The proc server's stored information: arguments and environment (set_args,
 * getprocargs, getprocenv), every pid (getallpids) and the host name. */
#include "proc_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/proc_server.h>

static char hostname[HURD_STRING_MAX]; /* under proc_lock */

kern_return_t S_proc_set_args(process_t process, const_data_t argv, mach_msg_type_number_t argvCnt,
                              const_data_t envp, mach_msg_type_number_t envpCnt)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error =
	    caller ? proc_table_set_args(caller, argv, argvCnt, envp, envpCnt) : EOPNOTSUPP;
	pthread_mutex_unlock(&proc_lock);
	return error;
}

/* Copies length bytes into a MIG out array with dealloc: the stub's buffer if
 * they fit, else memory of our own that the reply takes. 0 or ENOMEM. */
static kern_return_t copy_out(const void *bytes, size_t length, void **array,
                              mach_msg_type_number_t *count)
{
	if (length > *count) {
		vm_address_t address = 0;
		if (vm_allocate(mach_task_self(), &address, length, TRUE) != KERN_SUCCESS)
			return ENOMEM;
		*array = (void *)address;
	}
	if (length)
		memcpy(*array, bytes, length);
	*count = (mach_msg_type_number_t)length;
	return 0;
}

/* getprocargs and getprocenv: the stored vector of pid. */
static kern_return_t get_vector(hurd_pid_t pid, bool env, data_t *data,
                                mach_msg_type_number_t *count)
{
	pthread_mutex_lock(&proc_lock);
	kern_return_t error = proc_caller_locked() ? 0 : EOPNOTSUPP;
	struct proc_record *record = proc_table_find(&proc_table, pid);
	if (!error && !record)
		error = ESRCH;
	if (!error)
		error =
		    copy_out(env ? record->env : record->args,
		             env ? record->env_length : record->args_length, (void **)data, count);
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_getprocargs(process_t process, hurd_pid_t pid, data_t *procargs,
                                 mach_msg_type_number_t *procargsCnt)
{
	(void)process;
	return get_vector(pid, false, procargs, procargsCnt);
}

kern_return_t S_proc_getprocenv(process_t process, hurd_pid_t pid, data_t *procenv,
                                mach_msg_type_number_t *procenvCnt)
{
	(void)process;
	return get_vector(pid, true, procenv, procenvCnt);
}

kern_return_t S_proc_getallpids(process_t process, pidarray_t *pids,
                                mach_msg_type_number_t *pidsCnt)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	kern_return_t error = proc_caller_locked() ? 0 : EOPNOTSUPP;
	if (!error) {
		size_t count = proc_table.count;
		hurd_pid_t *all = malloc(count * sizeof(*all));
		error = all ? 0 : ENOMEM;
		mach_msg_type_number_t bytes = *pidsCnt * sizeof(hurd_pid_t);
		if (all) {
			proc_table_pids(&proc_table, all, count);
			error = copy_out(all, count * sizeof(hurd_pid_t), (void **)pids, &bytes);
			*pidsCnt = (mach_msg_type_number_t)count;
			free(all);
		}
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

/* Only uid 0 may set the host name: proc.defs passes no auth handle, so the
 * caller's process owner decides (every process is uid 0's until proc learns
 * owners). */
kern_return_t S_proc_sethostname(process_t process, const_string_t name)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error = !caller ? EOPNOTSUPP : caller->owner_uid != 0 ? EPERM : 0;
	if (!error && strnlen(name, sizeof(hostname)) >= 65)
		error = EINVAL; /* Linux's HOST_NAME_MAX is 64 */
	if (!error)
		strcpy(hostname, name);
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_gethostname(process_t process, string_t name)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	kern_return_t error = proc_caller_locked() ? 0 : EOPNOTSUPP;
	if (!error)
		strcpy(name, hostname);
	pthread_mutex_unlock(&proc_lock);
	return error;
}
