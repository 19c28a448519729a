/* The proc server's process table (proc_table.h): a list of records with pid
 * allocation, POSIX group and session rules and waitpid's matching. */
#include "proc_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int proc_table_init(struct proc_table *table)
{
	*table = (struct proc_table){.last_pid = 0};
	struct proc_record *init = proc_table_add(table, NULL, 0);
	return init ? 0 : ENOMEM;
}

void proc_table_destroy(struct proc_table *table)
{
	while (table->records)
		proc_table_remove(table, table->records);
}

struct proc_record *proc_table_find(struct proc_table *table, proc_pid_t pid)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->pid == pid)
			return record;
	return NULL;
}

struct proc_record *proc_table_find_task(struct proc_table *table, uint32_t task)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->task == task && !record->dead)
			return record;
	return NULL;
}

/* Whether id is taken as a pid, a group or a session id. */
static bool id_in_use(struct proc_table *table, proc_pid_t id)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->pid == id || record->pgrp == id || record->sid == id)
			return true;
	return false;
}

static proc_pid_t next_free_pid(struct proc_table *table)
{
	for (proc_pid_t tries = 0; tries < PROC_PID_MAX; tries++) {
		proc_pid_t pid = table->last_pid >= PROC_PID_MAX ? 2 : table->last_pid + 1;
		table->last_pid = pid;
		if (!id_in_use(table, pid))
			return pid;
	}
	return 0;
}

struct proc_record *proc_table_add(struct proc_table *table, struct proc_record *parent,
                                   uint32_t task)
{
	proc_pid_t pid = next_free_pid(table);
	if (!pid)
		return NULL;
	struct proc_record *record = calloc(1, sizeof(*record));
	if (!record)
		return NULL;
	record->pid = pid;
	record->ppid = parent ? parent->pid : 0;
	record->pgrp = parent ? parent->pgrp : pid;
	record->sid = parent ? parent->sid : pid;
	record->owner_uid = parent ? parent->owner_uid : 0;
	record->task = task;
	record->next = table->records;
	table->records = record;
	table->count++;
	return record;
}

void proc_table_remove(struct proc_table *table, struct proc_record *record)
{
	for (struct proc_record **link = &table->records; *link; link = &(*link)->next) {
		if (*link == record) {
			*link = record->next;
			table->count--;
			free(record->args);
			free(record->env);
			free(record);
			return;
		}
	}
}

/* Whether ancestor is record or one of its ancestors. */
static bool descends_from(struct proc_table *table, const struct proc_record *record,
                          const struct proc_record *ancestor)
{
	for (size_t steps = 0; record && steps <= table->count; steps++) {
		if (record == ancestor)
			return true;
		record = record->pid == PROC_INIT_PID ? NULL : proc_table_find(table, record->ppid);
	}
	return false;
}

int proc_table_adopt(struct proc_table *table, struct proc_record *parent,
                     struct proc_record *child)
{
	if (child->pid == PROC_INIT_PID || child->ppid != PROC_INIT_PID || child->dead ||
	    descends_from(table, parent, child))
		return EBUSY;
	child->ppid = parent->pid;
	child->pgrp = parent->pgrp;
	child->sid = parent->sid;
	child->owner_uid = parent->owner_uid;
	return 0;
}

static bool group_in_session(struct proc_table *table, proc_pid_t pgrp, proc_pid_t sid)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->pgrp == pgrp && record->sid == sid)
			return true; /* a zombie keeps its group until reaped, as on Linux */
	return false;
}

int proc_table_setpgrp(struct proc_table *table, struct proc_record *caller, proc_pid_t pid,
                       proc_pid_t pgrp)
{
	if (pgrp < 0 || pid < 0)
		return EINVAL;
	struct proc_record *target = pid == 0 ? caller : proc_table_find(table, pid);
	if (!target || target->dead || (target != caller && target->ppid != caller->pid))
		return ESRCH;
	if (pgrp == 0)
		pgrp = target->pid;
	if (target->sid == target->pid || target->sid != caller->sid)
		return EPERM;
	if (pgrp != target->pid && !group_in_session(table, pgrp, target->sid))
		return EPERM;
	target->pgrp = pgrp;
	return 0;
}

int proc_table_setsid(struct proc_table *table, struct proc_record *caller, proc_pid_t *sid)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->pgrp == caller->pid)
			return EPERM;
	caller->sid = caller->pid;
	caller->pgrp = caller->pid;
	*sid = caller->pid;
	return 0;
}

bool proc_table_pgrp_orphaned(struct proc_table *table, proc_pid_t pgrp)
{
	for (struct proc_record *member = table->records; member; member = member->next) {
		if (member->pgrp != pgrp || member->dead)
			continue;
		struct proc_record *parent = proc_table_find(table, member->ppid);
		if (parent && !parent->dead && parent->pgrp != pgrp && parent->sid == member->sid)
			return false;
	}
	return true;
}

bool proc_table_wait_matches(const struct proc_record *waiter, proc_pid_t pid_spec,
                             const struct proc_record *child)
{
	if (child->ppid != waiter->pid)
		return false;
	if (pid_spec > 0)
		return child->pid == pid_spec;
	if (pid_spec == 0)
		return child->pgrp == waiter->pgrp;
	if (pid_spec == -1)
		return true;
	return child->pgrp == -pid_spec;
}

int proc_table_find_waitable(struct proc_table *table, const struct proc_record *waiter,
                             proc_pid_t pid_spec, struct proc_record **zombie)
{
	bool any = false;
	for (struct proc_record *record = table->records; record; record = record->next) {
		if (!proc_table_wait_matches(waiter, pid_spec, record))
			continue;
		if (record->dead) {
			*zombie = record;
			return 0;
		}
		any = true;
	}
	return any ? EAGAIN : ECHILD;
}

void proc_table_mark_exit(struct proc_record *record, int status, int sigcode)
{
	record->exit_marked = true;
	record->status = status;
	record->sigcode = sigcode;
}

void proc_table_task_died(struct proc_table *table, struct proc_record *record)
{
	record->dead = true;
	if (!record->exit_marked) {
		record->status = PROC_KILLED_STATUS;
		record->sigcode = 0;
	}
	for (struct proc_record *child = table->records; child; child = child->next)
		if (child->ppid == record->pid)
			child->ppid = PROC_INIT_PID;
}

struct proc_record *proc_table_init_zombie(struct proc_table *table)
{
	for (struct proc_record *record = table->records; record; record = record->next)
		if (record->dead && record->ppid == PROC_INIT_PID)
			return record;
	return NULL;
}

/* A copy of length bytes in *copy (NULL when empty). */
static int copy_bytes(const char *bytes, size_t length, char **copy)
{
	*copy = NULL;
	if (length == 0)
		return 0;
	*copy = malloc(length);
	if (!*copy)
		return ENOMEM;
	memcpy(*copy, bytes, length);
	return 0;
}

int proc_table_set_args(struct proc_record *record, const char *args, size_t args_length,
                        const char *env, size_t env_length)
{
	if (args_length > PROC_ARGS_MAX || env_length > PROC_ARGS_MAX)
		return E2BIG;
	char *args_copy, *env_copy;
	if (copy_bytes(args, args_length, &args_copy))
		return ENOMEM;
	if (copy_bytes(env, env_length, &env_copy)) {
		free(args_copy);
		return ENOMEM;
	}
	free(record->args);
	free(record->env);
	record->args = args_copy;
	record->args_length = args_length;
	record->env = env_copy;
	record->env_length = env_length;
	return 0;
}

size_t proc_table_pids(struct proc_table *table, proc_pid_t *pids, size_t max)
{
	size_t count = 0;
	for (proc_pid_t pid = 1; pid <= PROC_PID_MAX && count < max; pid++)
		if (proc_table_find(table, pid))
			pids[count++] = pid;
	return table->count;
}

void proc_table_mark_stop(struct proc_record *record, int signal)
{
	record->stopped = true;
	record->stop_signal = signal;
	record->stop_waitable = true;
	record->cont_waitable = false;
}

bool proc_table_mark_cont(struct proc_record *record)
{
	if (!record->stopped)
		return false;
	record->stopped = false;
	record->stop_waitable = false;
	record->cont_waitable = true;
	return true;
}

bool proc_table_take_wait_event(struct proc_table *table, const struct proc_record *waiter,
                                proc_pid_t pid_spec, int options, struct proc_record **child,
                                int *status)
{
	for (struct proc_record *record = table->records; record; record = record->next) {
		if (record->dead || !proc_table_wait_matches(waiter, pid_spec, record))
			continue;
		if ((options & PROC_TABLE_WAIT_UNTRACED) && record->stop_waitable) {
			record->stop_waitable = false;
			*status = (record->stop_signal & 0xff) << 8 | 0x7f;
			*child = record;
			return true;
		}
		if ((options & PROC_TABLE_WAIT_CONTINUED) && record->cont_waitable) {
			record->cont_waitable = false;
			*status = 0xffff;
			*child = record;
			return true;
		}
	}
	return false;
}

size_t proc_table_pgrp_pids(struct proc_table *table, proc_pid_t pgrp, proc_pid_t *pids, size_t max)
{
	size_t count = 0;
	for (struct proc_record *record = table->records; record; record = record->next) {
		if (record->dead || record->pgrp != pgrp)
			continue;
		if (count < max) { /* insertion in order */
			size_t at = count;
			while (at > 0 && pids[at - 1] > record->pid) {
				pids[at] = pids[at - 1];
				at--;
			}
			pids[at] = record->pid;
		}
		count++;
	}
	return count;
}
