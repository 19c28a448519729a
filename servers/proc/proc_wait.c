/* The proc server's exits and waits: proc_mark_exit, the task's death (a
 * dead-name notification; killed status unless marked), proc_wait answered at
 * once or later (its reply port kept, MIG_NO_REPLY, proc_reply.defs) without
 * holding a worker, zombies reaped when waited for or when init has them. */
#include "proc_server.h"

#include <errno.h>
#include <stdlib.h>
#include <hurd/proc_reply.h>
#include <hurd/proc_server.h>

struct pending_wait {
	mach_port_t reply; /* the waiter's reply right (send-once) */
	proc_pid_t waiter, pid_spec;
	int options; /* PROC_WAIT_UNTRACED, PROC_WAIT_CONTINUED */
	struct pending_wait *next;
};

static struct pending_wait *pending_waits; /* under proc_lock */
static struct ports_object *notify_object; /* receives the tasks' dead-name notifications */
static const struct ports_class notify_class = {"proc notifications", NULL};

int proc_wait_init(void)
{
	return ports_create_object(proc_bucket, &notify_class, sizeof(struct ports_object),
	                           &notify_object);
}

int proc_watch_port(mach_port_t name, bool on)
{
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t result = mach_port_request_notification(
	    mach_task_self(), name, MACH_NOTIFY_DEAD_NAME, on ? 1 : 0,
	    on ? notify_object->port : MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (result != KERN_SUCCESS)
		return result == KERN_RESOURCE_SHORTAGE ? ENOMEM : ESRCH;
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
	return 0;
}

size_t proc_pending_count(void)
{
	size_t count = 0;
	pthread_mutex_lock(&proc_lock);
	for (struct pending_wait *entry = pending_waits; entry; entry = entry->next)
		count++;
	count += proc_msgport_pending_count();
	pthread_mutex_unlock(&proc_lock);
	return count;
}

static const rusage_t no_usage; /* proc does not account usage yet */

/* With proc_lock held: answers a waiter with zombie's status and reaps it. */
static void reap_for(mach_port_t reply, struct proc_record *zombie)
{
	(void)proc_watch_port(reply, false);
	(void)proc_wait_reply(reply, 0, zombie->status, zombie->sigcode, no_usage, zombie->pid);
	proc_reap_locked(zombie);
}

void proc_answer_waits_locked(void)
{
	struct proc_record *orphan;
	while ((orphan = proc_table_init_zombie(&proc_table)))
		proc_reap_locked(orphan); /* init runs no wait yet: proc is its own reaper */
	for (struct pending_wait **link = &pending_waits; *link;) {
		struct pending_wait *entry = *link;
		struct proc_record *waiter = proc_table_find(&proc_table, entry->waiter);
		struct proc_record *zombie = NULL;
		int found =
		    waiter && !waiter->dead
		        ? proc_table_find_waitable(&proc_table, waiter, entry->pid_spec, &zombie)
		        : EINTR;
		struct proc_record *changed = NULL;
		int event_status = 0;
		if (found == EAGAIN &&
		    proc_table_take_wait_event(&proc_table, waiter, entry->pid_spec, entry->options,
		                               &changed, &event_status)) {
			(void)proc_watch_port(entry->reply, false);
			(void)proc_wait_reply(entry->reply, 0, event_status, 0, no_usage,
			                      changed->pid);
		} else if (found == EAGAIN) {
			link = &entry->next;
			continue;
		} else if (found == 0) {
			reap_for(entry->reply, zombie);
		} else {
			(void)proc_watch_port(entry->reply, false);
			(void)proc_wait_reply(entry->reply, found, 0, 0, no_usage, 0);
		}
		*link = entry->next;
		free(entry);
	}
}

kern_return_t S_proc_wait(process_t process, reply_port_t reply, hurd_pid_t pid, int options,
                          int *status, int *sigcode, rusage_t *usage, hurd_pid_t *pid_status)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked(), *zombie = NULL;
	kern_return_t error = caller ? 0 : EOPNOTSUPP;
	if (!error)
		error = proc_table_find_waitable(&proc_table, caller, pid, &zombie);
	*usage = no_usage;
	struct proc_record *changed = NULL;
	if (error == EAGAIN &&
	    proc_table_take_wait_event(&proc_table, caller, pid, options, &changed, status)) {
		*sigcode = 0; /* a stop or a continue of a live child */
		*pid_status = changed->pid;
		error = 0;
	} else if (!error) {
		*status = zombie->status;
		*sigcode = zombie->sigcode;
		*pid_status = zombie->pid;
		proc_reap_locked(zombie);
	} else if (error == EAGAIN && (options & PROC_WAIT_NOHANG)) {
		*status = *sigcode = *pid_status = 0; /* none yet: waitpid's 0 */
		error = 0;
	} else if (error == EAGAIN) {
		struct pending_wait *entry = malloc(sizeof(*entry));
		error = entry ? MIG_NO_REPLY : ENOMEM;
		if (entry) {
			*entry = (struct pending_wait){reply, caller->pid, pid, options, NULL};
			struct pending_wait **last = &pending_waits;
			while (*last)
				last = &(*last)->next;
			*last = entry;                      /* first posted, first answered */
			(void)proc_watch_port(reply, true); /* a client that goes is forgotten */
		}
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}

kern_return_t S_proc_mark_exit(process_t process, int status, int sigcode)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	if (caller)
		proc_table_mark_exit(caller, status, sigcode);
	pthread_mutex_unlock(&proc_lock);
	return caller ? 0 : EOPNOTSUPP;
}

/* With proc_lock held: forgets the pending wait whose reply right is name
 * (its client is gone); whether there was one. */
static bool drop_wait_locked(mach_port_t name)
{
	for (struct pending_wait **link = &pending_waits; *link; link = &(*link)->next) {
		struct pending_wait *entry = *link;
		if (entry->reply == name) {
			*link = entry->next;
			free(entry);
			return true;
		}
	}
	return false;
}

/* A task died: its process is a zombie for its parent's wait. Or a waiting
 * client's reply port died: its wait is forgotten. */
kern_return_t do_mach_notify_dead_name(mach_port_t notify, mach_port_t name)
{
	(void)notify;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *record = proc_table_find_task(&proc_table, name);
	struct sigchld_post *sigchld = NULL;
	if (!record && (drop_wait_locked(name) || proc_drop_msgport_wait_locked(name)))
		(void)mach_port_deallocate(mach_task_self(), name); /* the reply's dead name */
	if (record) {
		proc_table_task_died(&proc_table, record);
		sigchld = proc_sigchld_prepare_locked(record);
		proc_answer_waits_locked();
		proc_answer_msgport_waits_locked();
	}
	pthread_mutex_unlock(&proc_lock);
	proc_sigchld_send(sigchld);
	/* The notification's own reference to the dead name. */
	(void)mach_port_deallocate(mach_task_self(), name);
	return KERN_SUCCESS;
}
