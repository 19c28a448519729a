/* The proc server's message ports: proc_setmsgport, and proc_getmsgport
 * answered at once or, for a process that has none yet, later (its reply
 * port kept, proc_reply.defs) when it sets one or ESRCH when it dies. */
#include "proc_server.h"

#include <errno.h>
#include <stdlib.h>
#include <hurd/proc_reply.h>
#include <hurd/proc_server.h>

struct pending_msgport {
	mach_port_t reply; /* send-once */
	proc_pid_t pid;
	struct pending_msgport *next;
};

static struct pending_msgport *pending_msgports; /* under proc_lock */

/* The message port of a live record, or NULL. */
static mach_port_t msgport_of(struct proc_record *record)
{
	struct proc_port *port = record->server_data;
	return port ? port->msgport : MACH_PORT_NULL;
}

void proc_answer_msgport_waits_locked(void)
{
	for (struct pending_msgport **link = &pending_msgports; *link;) {
		struct pending_msgport *entry = *link;
		struct proc_record *record = proc_table_find(&proc_table, entry->pid);
		if (record && !record->dead && !MACH_PORT_VALID(msgport_of(record))) {
			link = &entry->next;
			continue;
		}
		(void)proc_watch_port(entry->reply, false);
		if (record && !record->dead)
			(void)proc_getmsgport_reply(entry->reply, 0, msgport_of(record),
			                            MACH_MSG_TYPE_COPY_SEND);
		else
			(void)proc_getmsgport_reply(entry->reply, ESRCH, MACH_PORT_NULL,
			                            MACH_MSG_TYPE_COPY_SEND);
		*link = entry->next;
		free(entry);
	}
}

bool proc_drop_msgport_wait_locked(mach_port_t reply)
{
	for (struct pending_msgport **link = &pending_msgports; *link; link = &(*link)->next) {
		struct pending_msgport *entry = *link;
		if (entry->reply == reply) {
			*link = entry->next;
			free(entry);
			return true;
		}
	}
	return false;
}

size_t proc_msgport_pending_count(void)
{
	size_t count = 0;
	for (struct pending_msgport *entry = pending_msgports; entry; entry = entry->next)
		count++;
	return count;
}

kern_return_t S_proc_setmsgport(process_t process, mach_port_t newmsgport, mach_port_t *oldmsgport,
                                mach_msg_type_name_t *oldmsgportPoly)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *caller = proc_caller_locked();
	if (caller) {
		/* The caller came through its proc port, so the record has one. */
		struct proc_port *port = caller->server_data;
		*oldmsgport = port->msgport;
		*oldmsgportPoly = MACH_MSG_TYPE_MOVE_SEND;
		port->msgport = newmsgport;
		proc_answer_msgport_waits_locked();
	}
	pthread_mutex_unlock(&proc_lock);
	return caller ? 0 : EOPNOTSUPP;
}

kern_return_t S_proc_getmsgport(process_t process, reply_port_t reply, hurd_pid_t pid,
                                mach_port_t *msgport, mach_msg_type_name_t *msgportPoly)
{
	(void)process;
	pthread_mutex_lock(&proc_lock);
	kern_return_t error = proc_caller_locked() ? 0 : EOPNOTSUPP;
	struct proc_record *record = proc_table_find(&proc_table, pid);
	if (!error && (!record || record->dead))
		error = ESRCH;
	if (!error && MACH_PORT_VALID(msgport_of(record))) {
		*msgport = msgport_of(record);
		*msgportPoly = MACH_MSG_TYPE_COPY_SEND;
	} else if (!error) {
		struct pending_msgport *entry = malloc(sizeof(*entry));
		error = entry ? MIG_NO_REPLY : ENOMEM;
		if (entry) {
			*entry = (struct pending_msgport){reply, pid, NULL};
			struct pending_msgport **last = &pending_msgports;
			while (*last)
				last = &(*last)->next;
			*last = entry;
			(void)proc_watch_port(reply, true); /* a client that goes is forgotten */
		}
	}
	pthread_mutex_unlock(&proc_lock);
	return error;
}
