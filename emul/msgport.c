/* The process's message port: made at start, given to proc with
 * proc_setmsgport, served by the signal service thread (signal_service.c).
 * msg_sig_post (hurd/msg.defs) posts a signal when refport is this task's own
 * port, which proc hands out (proc_pid2task) only to the process's owner or
 * root: that is the permission rule; any other refport is EPERM. */
#include <mach.h>
#include <hurd/msg_server.h>
#include "fork.h"
#include "msgport.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "timed_proc.h"

#define PROC_TIMEOUT_MS 5000

static mach_port_t msg_port;

mach_port_t emul_msgport_receive_right(void)
{
	return msg_port;
}

bool emul_msgport_init(void)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return false;
	mach_port_t self = mach_task_self();
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &msg_port) != KERN_SUCCESS)
		return false;
	mach_port_t old = MACH_PORT_NULL;
	kern_return_t result =
	    timed_proc_setmsgport(proc, PROC_TIMEOUT_MS, msg_port, MACH_MSG_TYPE_MAKE_SEND, &old);
	if (result != KERN_SUCCESS) {
		emul_log("proc: cannot set the message port (0x%x); no signals from others",
		         result);
		(void)mach_port_mod_refs(self, msg_port, MACH_PORT_RIGHT_RECEIVE, -1);
		msg_port = MACH_PORT_NULL;
		return false;
	}
	if (MACH_PORT_VALID(old))
		(void)mach_port_deallocate(self, old);
	return true;
}

void emul_msgport_forked(void)
{
	msg_port = MACH_PORT_NULL; /* the parent's receive right */
}

kern_return_t S_msg_sig_post(mach_port_t process, int signal, int sigcode, hurd_pid_t sender_pid,
                             mach_port_t refport)
{
	(void)process;
	bool own_task = refport == mach_task_self();
	if (MACH_PORT_VALID(refport))
		(void)mach_port_deallocate(mach_task_self(), refport);
	if (!own_task)
		return LINUX_EPERM;
	if (signal != 0 && !emul_signal_valid((uint64_t)signal))
		return LINUX_EINVAL;
	if (signal == 0)
		return KERN_SUCCESS;
	if (signal == LINUX_SIGCHLD)
		emul_wait_children_changed(); /* proc: a child changed state */
	struct emul_signal_source source = {.code = sigcode, .pid = sender_pid, .uid = 0};
	emul_signal_post(signal, &source, NULL);
	return KERN_SUCCESS;
}
