/* The proc server's process table, pure logic without Mach: pids, parents and
 * children, process groups and sessions, exit status, wait matching, zombies. */
#ifndef PROC_TABLE_H
#define PROC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t proc_pid_t;

#define PROC_INIT_PID      1
#define PROC_PID_MAX       30000
#define PROC_ARGS_MAX      (64 * 1024) /* argv and env, each */
#define PROC_KILLED_STATUS 9 /* wait status of a task gone without proc_mark_exit: SIGKILL */

struct proc_record {
	proc_pid_t pid, ppid, pgrp, sid;
	uint32_t owner_uid;  /* 0 until proc learns owners from auth */
	bool exit_marked;    /* proc_mark_exit said the status */
	bool dead;           /* the task is gone: a zombie until waited for */
	int status, sigcode; /* the wait status */
	bool stopped;        /* proc_mark_stop, until proc_mark_cont */
	int stop_signal;
	bool stop_waitable; /* a stop not reported to a wait yet (PROC_WAIT_UNTRACED) */
	bool cont_waitable; /* a continue not reported yet (PROC_WAIT_CONTINUED) */
	uint32_t task;      /* the server's name for the task (opaque here) */
	void *server_data;  /* the server's per-process state (opaque here) */
	char *args, *env;   /* argz vectors stored by proc_set_args */
	size_t args_length, env_length;
	struct proc_record *next;
};

struct proc_table {
	struct proc_record *records;
	size_t count;
	proc_pid_t last_pid;
};

/* An empty table but for init (pid 1, its own group and session). 0 or ENOMEM. */
int proc_table_init(struct proc_table *table);
void proc_table_destroy(struct proc_table *table);

struct proc_record *proc_table_find(struct proc_table *table, proc_pid_t pid);
struct proc_record *proc_table_find_task(struct proc_table *table, uint32_t task);

/* A new process, child of parent (in its group and session), for task; its
 * pid is the next one free as pid, group and session id. NULL if none. */
struct proc_record *proc_table_add(struct proc_table *table, struct proc_record *parent,
                                   uint32_t task);
/* Frees the record (args, env) after unlinking it; server_data is the caller's. */
void proc_table_remove(struct proc_table *table, struct proc_record *record);

/* proc_child for a known process: child becomes parent's if init has it. 0 or
 * EBUSY (already someone else's child, init, parent or one of its ancestors). */
int proc_table_adopt(struct proc_table *table, struct proc_record *parent,
                     struct proc_record *child);

/* setpgid(pid, pgrp) by caller (pid 0: the caller; pgrp 0: pid): 0, ESRCH
 * (pid neither the caller nor its child), EPERM (a session leader, another
 * session, or no such group in the session), EINVAL (negative pgrp). */
int proc_table_setpgrp(struct proc_table *table, struct proc_record *caller, proc_pid_t pid,
                       proc_pid_t pgrp);
/* setsid(): 0 and the new session's id, or EPERM for a group leader. */
int proc_table_setsid(struct proc_table *table, struct proc_record *caller, proc_pid_t *sid);
/* Whether no member of the group has a parent in another group of its session. */
bool proc_table_pgrp_orphaned(struct proc_table *table, proc_pid_t pgrp);

/* Whether pid_spec (waitpid's: > 0, 0, -1, < -1) names child for waiter. */
bool proc_table_wait_matches(const struct proc_record *waiter, proc_pid_t pid_spec,
                             const struct proc_record *child);
/* waitpid's search: 0 and a dead matching child in *zombie, EAGAIN when
 * children match but none is dead, ECHILD when none matches. */
int proc_table_find_waitable(struct proc_table *table, const struct proc_record *waiter,
                             proc_pid_t pid_spec, struct proc_record **zombie);

void proc_table_mark_exit(struct proc_record *record, int status, int sigcode);

/* Job control: the process stopped on signal / continued. mark_cont is false
 * (nothing changes) for a process that was not stopped. */
void proc_table_mark_stop(struct proc_record *record, int signal);
bool proc_table_mark_cont(struct proc_record *record);
/* The wait options of hurd_types.h this table understands. */
#define PROC_TABLE_WAIT_UNTRACED  0x2
#define PROC_TABLE_WAIT_CONTINUED 0x8
/* A live matching child with a stop (options & UNTRACED) or a continue
 * (options & CONTINUED) not reported yet: true, *child and its wait status
 * (Linux's: signal << 8 | 0x7f for a stop, 0xffff for a continue), and the
 * event counts as reported. */
bool proc_table_take_wait_event(struct proc_table *table, const struct proc_record *waiter,
                                proc_pid_t pid_spec, int options, struct proc_record **child,
                                int *status);
/* Up to max pids of the live members of pgrp in ascending order; returns how
 * many there are. */
size_t proc_table_pgrp_pids(struct proc_table *table, proc_pid_t pgrp, proc_pid_t *pids,
                            size_t max);
/* The task is gone: a zombie (killed status unless marked); its children go to
 * init. */
void proc_table_task_died(struct proc_table *table, struct proc_record *record);

/* A zombie whose parent is init, or NULL: until a real init runs and waits,
 * the server reaps them itself. */
struct proc_record *proc_table_init_zombie(struct proc_table *table);

/* Stores copies of argv and env (each at most PROC_ARGS_MAX): 0, E2BIG, ENOMEM. */
int proc_table_set_args(struct proc_record *record, const char *args, size_t args_length,
                        const char *env, size_t env_length);

/* Up to max pids in ascending order in pids; returns how many records exist. */
size_t proc_table_pids(struct proc_table *table, proc_pid_t *pids, size_t max);

#endif
