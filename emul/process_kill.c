/* kill of another process or a process group, the Hurd's way: proc gives the
 * target's task port (proc_pid2task: only to its owner or root, else EPERM)
 * and its message port (proc_getmsgport); msg_sig_post to the message port
 * with the task port as refport, which the target accepts as proof. */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "timed_msg.h"
#include "timed_proc.h"

#define PROC_TIMEOUT_MS    5000
#define MSGPORT_TIMEOUT_MS 2000
#define POST_TIMEOUT_MS    5000
#define LINUX_SI_USER_CODE 0

static long post_to(mach_port_t proc, int32_t pid, int signal)
{
	if (pid == emul_process.pid)
		return emul_signal_kill_self(signal);
	mach_port_t self = mach_task_self();
	mach_port_t task = MACH_PORT_NULL, msgport = MACH_PORT_NULL;
	kern_return_t result = timed_proc_pid2task(proc, PROC_TIMEOUT_MS, pid, &task);
	if (result != KERN_SUCCESS)
		return emul_process_error(result);
	/* A process that never set a message port (a native program) is not
	 * waited for long: proc keeps the request until it sets one. */
	result = timed_proc_getmsgport(proc, MSGPORT_TIMEOUT_MS, pid, &msgport);
	if (result != KERN_SUCCESS) {
		(void)mach_port_deallocate(self, task);
		return result == MIG_SERVER_DIED || result == MACH_RCV_TIMED_OUT
		           ? -LINUX_EPERM /* it takes no signals */
		           : emul_process_error(result);
	}
	result = timed_msg_sig_post(msgport, POST_TIMEOUT_MS, signal, LINUX_SI_USER_CODE,
	                            emul_process.pid, task);
	(void)mach_port_deallocate(self, task);
	(void)mach_port_deallocate(self, msgport);
	if (result == MIG_SERVER_DIED || result == MACH_SEND_INVALID_DEST ||
	    result == MACH_RCV_PORT_DIED)
		return 0; /* the signal killed it before it answered */
	return emul_process_error(result);
}

/* Every pid of process group group (group > 0), through proc_getallpids. */
static long post_to_group(mach_port_t proc, int32_t group, int signal)
{
	pidarray_t pids = NULL;
	mach_msg_type_number_t count = 0;
	kern_return_t result = timed_proc_getallpids(proc, PROC_TIMEOUT_MS, &pids, &count);
	if (result != KERN_SUCCESS)
		return emul_process_error(result);
	long answer = -LINUX_ESRCH;
	bool self_too = false;
	for (mach_msg_type_number_t i = 0; i < count; i++) {
		hurd_pid_t member_group = 0;
		if (timed_proc_getpgrp(proc, PROC_TIMEOUT_MS, pids[i], &member_group) !=
		        KERN_SUCCESS ||
		    member_group != group)
			continue;
		if (pids[i] == emul_process.pid) {
			self_too = true; /* last: the signal may end this process */
			continue;
		}
		long posted = post_to(proc, pids[i], signal);
		if (posted == 0 || answer == -LINUX_ESRCH)
			answer = posted == 0 ? 0 : (answer == 0 ? 0 : posted);
	}
	(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
	if (self_too) {
		long posted = emul_signal_kill_self(signal);
		answer = answer == 0 ? 0 : posted;
	}
	return answer;
}

long emul_process_kill(long pid, int signal)
{
	mach_port_t proc = emul_process_proc_port();
	if (pid > 0)
		return post_to(proc, (int32_t)pid, signal);
	if (pid == -1)
		return -LINUX_EPERM; /* every process: not offered yet */
	int32_t group = (int32_t)-pid;
	if (pid == 0) {
		hurd_pid_t own = 0;
		kern_return_t result =
		    timed_proc_getpgrp(proc, PROC_TIMEOUT_MS, emul_process.pid, &own);
		if (result != KERN_SUCCESS)
			return emul_process_error(result);
		group = own;
	}
	return post_to_group(proc, group, signal);
}
