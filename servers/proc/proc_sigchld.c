/* SIGCHLD: when a process dies, stops or continues, proc posts SIGCHLD to its
 * parent's message port (hurd/msg.defs' msg_sig_post, the parent's task port
 * as refport, the child's pid as sender, CLD_EXITED, CLD_KILLED, CLD_STOPPED
 * or CLD_CONTINUED as code; SA_NOCLDSTOP is the receiver's), from a thread of
 * its own and with a timeout, so that a parent that does not answer holds no
 * worker and no lock. Init (pid 1) and parents without a message port get
 * nothing. */
#include <pthread.h>
#include <stdlib.h>
#include "proc_server.h"
#include "proc_table.h"
#include "timed_msg.h"

#define LINUX_SIGCHLD      17
#define LINUX_CLD_EXITED   1
#define LINUX_CLD_KILLED   2
#define SIGCHLD_TIMEOUT_MS 2000

struct sigchld_post {
	mach_port_t msgport, task; /* references of our own */
	int code;
	proc_pid_t child;
};

struct sigchld_post *proc_sigchld_prepare_locked(struct proc_record *dead)
{
	return proc_sigchld_prepare_code_locked(
	    dead, (dead->status & 0x7f) == 0 ? LINUX_CLD_EXITED : LINUX_CLD_KILLED);
}

struct sigchld_post *proc_sigchld_prepare_code_locked(struct proc_record *dead, int code)
{
	struct proc_record *parent = proc_table_find(&proc_table, dead->ppid);
	if (!parent || parent->dead || parent->pid == PROC_INIT_PID)
		return NULL;
	struct proc_port *port = parent->server_data;
	if (!port || !MACH_PORT_VALID(port->msgport) || !MACH_PORT_VALID(parent->task))
		return NULL;
	struct sigchld_post *post = malloc(sizeof(*post));
	if (!post)
		return NULL;
	*post = (struct sigchld_post){port->msgport, parent->task, code, dead->pid};
	if (mach_port_mod_refs(mach_task_self(), post->msgport, MACH_PORT_RIGHT_SEND, 1) !=
	    KERN_SUCCESS) {
		free(post);
		return NULL;
	}
	if (mach_port_mod_refs(mach_task_self(), post->task, MACH_PORT_RIGHT_SEND, 1) !=
	    KERN_SUCCESS) {
		(void)mach_port_deallocate(mach_task_self(), post->msgport);
		free(post);
		return NULL;
	}
	return post;
}

static void *send_sigchld(void *opaque)
{
	struct sigchld_post *post = opaque;
	(void)timed_msg_sig_post(post->msgport, SIGCHLD_TIMEOUT_MS, LINUX_SIGCHLD, post->code,
	                         post->child, post->task);
	(void)mach_port_deallocate(mach_task_self(), post->msgport);
	(void)mach_port_deallocate(mach_task_self(), post->task);
	free(post);
	return NULL;
}

void proc_sigchld_send(struct sigchld_post *post)
{
	if (!post)
		return;
	pthread_t thread;
	pthread_attr_t attributes;
	bool started = pthread_attr_init(&attributes) == 0 &&
	               pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED) == 0 &&
	               pthread_create(&thread, &attributes, send_sigchld, post) == 0;
	if (!started)
		(void)send_sigchld(post); /* no thread: at most the timeout, here */
}
