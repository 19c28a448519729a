/* The proc server (issue 6, item 3): a process record for every task it is
 * told of, proc.defs' routines served with lib/ports, waits answered late.
 * A program links it and calls proc_server_start. */
#ifndef PROC_SERVER_H
#define PROC_SERVER_H

#include <ports.h>
#include <hurd/hurd_types.h>
#include "proc_table.h"

/* The port of one process: a proc port names its pid's record. */
struct proc_port {
	struct ports_object head;
	proc_pid_t pid;
	mach_port_t msgport; /* set by proc_setmsgport (a send right), or NULL */
};

extern const struct ports_class proc_port_class;
extern struct ports_bucket *proc_bucket;
/* The table and everything below is under proc_lock. */
extern pthread_mutex_t proc_lock;
extern struct proc_table proc_table;

/* Starts serving with at most max_workers threads; *init_port is a send right
 * to init's proc port (pid 1), which the caller owns. 0 or an errno. */
int proc_server_start(unsigned max_workers, mach_port_t *init_port);
/* The number of process records and of waits not answered yet. */
size_t proc_record_count(void);
size_t proc_pending_count(void);

/* With proc_lock held: the caller's record (the proc port the RPC came to),
 * or NULL for a port of no live record. */
struct proc_record *proc_caller_locked(void);
/* With proc_lock held: the process of task (a send right the request gave
 * us, which this takes: kept or released), added as parent's child when new.
 * NULL and *error when the task is dead or memory is short. */
struct proc_record *proc_task_record_locked(mach_port_t task, struct proc_record *parent,
                                            bool *is_new, int *error);
/* With proc_lock held: record's proc port object (made on first use), or
 * NULL when memory is short. */
struct proc_port *proc_port_object_locked(struct proc_record *record);
/* With proc_lock held: a send right for a reply carrying record's proc port
 * (MACH_MSG_TYPE_MAKE_SEND), or NULL when memory is short. */
mach_port_t proc_port_for_locked(struct proc_record *record);
/* With proc_lock held: forgets a record (its port, task right and message
 * port go). */
void proc_reap_locked(struct proc_record *record);

/* The waits (proc_wait.c): answers those that can be, after any change. */
void proc_answer_waits_locked(void);
/* SIGCHLD to a dead process's parent (proc_sigchld.c): prepared with
 * proc_lock held (NULL when there is nobody to tell), sent after unlocking. */
struct sigchld_post;
struct sigchld_post *proc_sigchld_prepare_locked(struct proc_record *dead);
/* The same for a child that stopped or continued: code is si_code
 * (CLD_STOPPED 5, CLD_CONTINUED 6). */
struct sigchld_post *proc_sigchld_prepare_code_locked(struct proc_record *child, int code);
void proc_sigchld_send(struct sigchld_post *post);

/* The message-port waits (proc_msgport.c): answers those that can be. */
void proc_answer_msgport_waits_locked(void);
size_t proc_msgport_pending_count(void);
/* Forgets the message-port wait whose reply right is reply; whether it was one. */
bool proc_drop_msgport_wait_locked(mach_port_t reply);
/* Starts (on) or stops watching name (a task, a kept reply right) for its
 * death (proc_wait.c): do_mach_notify_dead_name is told. 0 or an errno. */
int proc_watch_port(mach_port_t name, bool on);
int proc_wait_init(void);

#endif
