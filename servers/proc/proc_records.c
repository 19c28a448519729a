/* The proc server's records as ports: the proc port class, a record's port
 * and task, reaping, and the routines that map tasks, pids and proc ports
 * (getpids, task2pid, task2proc, pid2task, pid2proc, child). */
#include "proc_server.h"

#include <errno.h>
#include <hurd/proc_server.h>

const struct ports_class proc_port_class = {"proc port", NULL};
struct ports_bucket *proc_bucket;
pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;
struct proc_table proc_table;

struct proc_record *proc_caller_locked(void)
{
	struct proc_port *port = ports_rpc_object();
	if (!port || port->head.class != &proc_port_class)
		return NULL;
	struct proc_record *record = proc_table_find(&proc_table, port->pid);
	return record && record->server_data == port ? record : NULL;
}

struct proc_record *proc_task_record_locked(mach_port_t task, struct proc_record *parent,
                                            bool *is_new, int *error)
{
	*is_new = false;
	*error = 0;
	if (!MACH_PORT_VALID(task)) {
		*error = ESRCH;
		return NULL;
	}
	struct proc_record *record = proc_table_find_task(&proc_table, task);
	if (record)
		return record;
	record = proc_table_add(&proc_table, parent, task);
	if (!record) {
		*error = ENOMEM;
		return NULL;
	}
	*error = proc_watch_port(task, true);
	if (*error) {
		record->task = MACH_PORT_NULL; /* the request's destruction takes the right */
		proc_table_remove(&proc_table, record);
		return NULL;
	}
	*is_new = true;
	return record;
}

/* A known task's right came again: the record keeps one reference only. */
static void settle_task(mach_port_t task, bool is_new)
{
	if (!is_new)
		(void)mach_port_deallocate(mach_task_self(), task);
}

struct proc_port *proc_port_object_locked(struct proc_record *record)
{
	struct proc_port *port = record->server_data;
	if (!port) {
		if (ports_create_object(proc_bucket, &proc_port_class, sizeof(*port), &port))
			return NULL;
		port->pid = record->pid;
		record->server_data = port; /* the creation's reference is the record's */
	}
	return port;
}

mach_port_t proc_port_for_locked(struct proc_record *record)
{
	struct proc_port *port = proc_port_object_locked(record);
	return port ? ports_make_send(port) : MACH_PORT_NULL;
}

void proc_reap_locked(struct proc_record *record)
{
	struct proc_port *port = record->server_data;
	if (port) {
		ports_object_destroy_right(port);
		if (MACH_PORT_VALID(port->msgport))
			(void)mach_port_deallocate(mach_task_self(), port->msgport);
		port->msgport = MACH_PORT_NULL;
		ports_object_release(port);
	}
	if (MACH_PORT_VALID(record->task) || record->task == MACH_PORT_DEAD)
		(void)mach_port_deallocate(mach_task_self(), record->task);
	proc_table_remove(&proc_table, record);
}

kern_return_t S_proc_getpids(process_t process, hurd_pid_t *pid, hurd_pid_t *ppid, int *orphaned)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	if (caller) {
		*pid = caller->pid;
		*ppid = caller->ppid;
		*orphaned = proc_table_pgrp_orphaned(&proc_table, caller->pgrp);
	}
	pthread_mutex_unlock(&proc_lock);
	return caller ? 0 : EOPNOTSUPP;
}

/* The record of task, told of by caller: new tasks are init's children. */
static kern_return_t task_record(mach_port_t task, struct proc_record **record, bool *is_new)
{
	struct proc_record *caller = proc_caller_locked();
	if (!caller)
		return EOPNOTSUPP;
	int error;
	*record = proc_task_record_locked(task, proc_table_find(&proc_table, PROC_INIT_PID), is_new,
	                                  &error);
	return error;
}

kern_return_t S_proc_task2pid(process_t process, mach_port_t task, hurd_pid_t *pid)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	bool is_new;
	kern_return_t error = task_record(task, &record, &is_new);
	if (!error) {
		*pid = record->pid;
		settle_task(task, is_new);
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_task2proc(process_t process, mach_port_t task, mach_port_t *proc,
                               mach_msg_type_name_t *procPoly)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	bool is_new;
	kern_return_t error = task_record(task, &record, &is_new);
	if (!error) {
		*proc = proc_port_for_locked(record);
		*procPoly = MACH_MSG_TYPE_MAKE_SEND;
		if (!MACH_PORT_VALID(*proc))
			*proc = MACH_PORT_NULL; /* no memory for a port: the pid stays */
		settle_task(task, is_new);
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

/* The live record of pid, if caller may have its task or proc port (its
 * owner, or root). */
static kern_return_t owned_record(hurd_pid_t pid, struct proc_record **record)
{
	struct proc_record *caller = proc_caller_locked();
	if (!caller)
		return EOPNOTSUPP;
	*record = proc_table_find(&proc_table, pid);
	if (!*record || (*record)->dead)
		return ESRCH;
	if (caller->owner_uid != 0 && caller->owner_uid != (*record)->owner_uid)
		return EPERM;
	return 0;
}

kern_return_t S_proc_pid2task(process_t process, hurd_pid_t pid, mach_port_t *task,
                              mach_msg_type_name_t *taskPoly)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	kern_return_t error = owned_record(pid, &record);
	if (!error) {
		*task = record->task; /* init's is NULL: no task yet */
		*taskPoly = MACH_MSG_TYPE_COPY_SEND;
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_pid2proc(process_t process, hurd_pid_t pid, mach_port_t *proc,
                              mach_msg_type_name_t *procPoly)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record;
	kern_return_t error = owned_record(pid, &record);
	if (!error) {
		*proc = proc_port_for_locked(record);
		*procPoly = MACH_MSG_TYPE_MAKE_SEND;
		if (!MACH_PORT_VALID(*proc))
			error = ENOMEM;
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_child(process_t process, mach_port_t child, hurd_pid_t *child_pid)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	kern_return_t error = caller ? 0 : EOPNOTSUPP;
	struct proc_record *record = NULL;
	bool is_new = false;
	if (!error)
		record = proc_task_record_locked(child, caller, &is_new, &error);
	if (!error && !is_new)
		error = proc_table_adopt(&proc_table, caller, record);
	if (!error) {
		*child_pid = record->pid;
		settle_task(child, is_new);
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}
