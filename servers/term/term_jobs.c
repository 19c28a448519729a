/* The term server's job control: the controlling terminal (term_getctty's id
 * port, term_open_ctty claiming the terminal for a session), the foreground
 * group checked against that session, and the signals of the terminal
 * (SIGINT, SIGQUIT, SIGTSTP, SIGWINCH) posted to every process of the
 * foreground group by a thread of its own: proc_getpgrppids, proc_getmsgport,
 * msg_sig_post with the id port as refport, each RPC timed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/term_server.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "term.h"
#include "term_jobs.h"
#include "timed_msg.h"
#include "timed_proc.h"

#define JOBS_RPC_MS     2000
#define JOBS_QUEUE      16
#define LINUX_SI_KERNEL 0x80

static const struct ports_class ctty_class = {"ctty id", NULL};
static struct ports_object *ctty_object; /* its port is the ctty id port */

static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER; /* what follows */
static pthread_cond_t jobs_cond = PTHREAD_COND_INITIALIZER;
static struct {
	int signal, pgrp;
} queue[JOBS_QUEUE];
static unsigned queued;
static mach_port_t proc_port; /* pid 1's proc port from the registry, once found */
static bool proc_looking;     /* a lookup is on its way */
static int session;           /* the session whose controlling terminal this is; 0: none */

/* proc's port, looked up in the boot runner's registry until it is found: in
 * the herd term starts before proc, so the first lookups find nothing. Where
 * the boot runner no longer answers (a boot of term alone) a lookup fails at
 * once; one thread looks at a time, the others take what there is. */
static mach_port_t proc(void)
{
	pthread_mutex_lock(&jobs_lock);
	mach_port_t port = proc_port;
	bool look = !MACH_PORT_VALID(port) && !proc_looking;
	if (look)
		proc_looking = true;
	pthread_mutex_unlock(&jobs_lock);
	if (!look)
		return port;
	if (bootstrap_registry_lookup_named(libmach_bootstrap_port, "proc", &port) != 0)
		port = MACH_PORT_NULL;
	pthread_mutex_lock(&jobs_lock);
	proc_port = port;
	proc_looking = false;
	pthread_mutex_unlock(&jobs_lock);
	return port;
}

/* Posts signal to one process: its message port from proc, then msg_sig_post
 * with the ctty id port as the proof of the right to. */
static void post_one(mach_port_t procserver, hurd_pid_t pid, int signal)
{
	mach_port_t msgport = MACH_PORT_NULL;
	kern_return_t result = timed_proc_getmsgport(procserver, JOBS_RPC_MS, pid, &msgport);
	if (result != KERN_SUCCESS || !MACH_PORT_VALID(msgport))
		return; /* a process without a message port (a server) gets nothing */
	(void)timed_msg_sig_post(msgport, JOBS_RPC_MS, signal, LINUX_SI_KERNEL, 0,
	                         ctty_object->port);
	(void)mach_port_deallocate(mach_task_self(), msgport);
}

/* Posts signal to every process of pgrp; how many were asked (-1: no proc). */
static int post_to_group(int signal, int pgrp)
{
	mach_port_t procserver = proc();
	if (!MACH_PORT_VALID(procserver))
		return -1;
	hurd_pid_t buffer[64], *pids = buffer;
	mach_msg_type_number_t count = sizeof(buffer) / sizeof(buffer[0]);
	kern_return_t result = timed_proc_getpgrppids(procserver, JOBS_RPC_MS, pgrp, &pids, &count);
	if (result != KERN_SUCCESS)
		return 0;
	for (mach_msg_type_number_t i = 0; i < count; i++)
		post_one(procserver, pids[i], signal);
	if (pids != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
	return (int)count;
}

static void *poster_thread(void *argument)
{
	(void)argument;
	for (;;) {
		pthread_mutex_lock(&jobs_lock);
		while (queued == 0)
			pthread_cond_wait(&jobs_cond, &jobs_lock);
		int signal = queue[0].signal, pgrp = queue[0].pgrp;
		memmove(&queue[0], &queue[1], --queued * sizeof(queue[0]));
		pthread_mutex_unlock(&jobs_lock);
		(void)post_to_group(signal, pgrp);
	}
	return NULL;
}

int term_jobs_init(void)
{
	/* Now, while the boot runner waits for our registration and answers
	 * (later it may answer only the task it is starting). */
	(void)proc();
	int error = ports_create_object(term.bucket, &ctty_class, sizeof(struct ports_object),
	                                &ctty_object);
	/* A send right of our own under the same name: msg_sig_post copies it
	 * as refport. */
	mach_port_t send = MACH_PORT_NULL;
	if (!error)
		error = ports_get_send_right(ctty_object, &send) == KERN_SUCCESS ? 0 : ENOMEM;
	pthread_t thread;
	if (!error)
		error = pthread_create(&thread, NULL, poster_thread, NULL);
	return error;
}

bool term_jobs_have_proc(void)
{
	return MACH_PORT_VALID(proc());
}

void term_jobs_post(int signal, int pgrp)
{
	if (pgrp <= 0)
		return;
	pthread_mutex_lock(&jobs_lock);
	if (queued < JOBS_QUEUE) { /* a flood of ^C loses the surplus, never blocks */
		queue[queued].signal = signal;
		queue[queued].pgrp = pgrp;
		queued++;
		pthread_cond_signal(&jobs_cond);
	}
	pthread_mutex_unlock(&jobs_lock);
}

kern_return_t term_jobs_check_foreground(int pgrp)
{
	pthread_mutex_lock(&jobs_lock);
	int owner = session;
	pthread_mutex_unlock(&jobs_lock);
	mach_port_t procserver = owner ? proc() : MACH_PORT_NULL;
	if (!MACH_PORT_VALID(procserver))
		return 0; /* no controlling session: any group (no proc to ask) */
	hurd_pid_t buffer[8], *pids = buffer;
	mach_msg_type_number_t count = sizeof(buffer) / sizeof(buffer[0]);
	kern_return_t result = timed_proc_getpgrppids(procserver, JOBS_RPC_MS, pgrp, &pids, &count);
	if (result == ESRCH || (result == KERN_SUCCESS && count == 0))
		return 0; /* no live member: a job whose processes ended (the list
		           * has no zombie, yet a zombie keeps its group: ash's pipeline
		           * child sets the group of a first command that is done) */
	if (result != KERN_SUCCESS)
		return EPERM;
	hurd_pid_t member = pids[0], sid = 0;
	if (pids != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
	result = timed_proc_getsid(procserver, JOBS_RPC_MS, member, &sid);
	if (result == ESRCH)
		return 0; /* the member was reaped meanwhile: as with no live member */
	return result == KERN_SUCCESS && sid == owner ? 0 : EPERM;
}

static bool is_terminal(void)
{
	return term.object != NULL && ports_rpc_object() == term.object;
}

kern_return_t S_term_getctty(term_t terminal, mach_port_t *ctty, mach_msg_type_name_t *cttyPoly)
{
	(void)terminal;
	if (!is_terminal() || !ctty_object)
		return EOPNOTSUPP;
	*ctty = ctty_object->port;
	*cttyPoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

/* TIOCSCTTY: pid, a session leader, makes this its session's controlling
 * terminal with pgrp in the foreground (pgrp 0: TIOCNOTTY, the session gives
 * it up). EPERM when pid leads no session or another live session has it. */
kern_return_t S_term_open_ctty(term_t terminal, hurd_pid_t pid, hurd_pid_t pgrp,
                               mach_port_t *newtty, mach_msg_type_name_t *newttyPoly)
{
	(void)terminal;
	if (!is_terminal() || !ctty_object)
		return EOPNOTSUPP;
	if (pid <= 0 || pgrp < 0)
		return EINVAL;
	mach_port_t procserver = proc();
	if (MACH_PORT_VALID(procserver)) {
		hurd_pid_t sid = 0;
		if (timed_proc_getsid(procserver, JOBS_RPC_MS, pid, &sid) != KERN_SUCCESS ||
		    sid != pid)
			return EPERM;
	}
	pthread_mutex_lock(&jobs_lock);
	int owner = session;
	pthread_mutex_unlock(&jobs_lock);
	if (pgrp == 0) {
		if (owner != pid)
			return ENOTTY;
		pthread_mutex_lock(&jobs_lock);
		session = 0;
		pthread_mutex_unlock(&jobs_lock);
		*newtty = MACH_PORT_NULL;
		*newttyPoly = MACH_MSG_TYPE_COPY_SEND;
		return 0;
	}
	if (owner && owner != pid && MACH_PORT_VALID(procserver)) {
		hurd_pid_t sid = 0; /* the session that has it still lives: refused */
		if (timed_proc_getsid(procserver, JOBS_RPC_MS, owner, &sid) == KERN_SUCCESS &&
		    sid == owner)
			return EPERM;
	}
	pthread_mutex_lock(&jobs_lock);
	session = pid;
	pthread_mutex_unlock(&jobs_lock);
	pthread_mutex_lock(&term.lock);
	term.foreground = pgrp;
	pthread_mutex_unlock(&term.lock);
	*newtty = ctty_object->port;
	*newttyPoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}
