/* ioctl's controlling-terminal requests: TIOCSCTTY (a session leader makes the
 * terminal its ctty: term_open_ctty answers the ctty id port, kept by
 * ctty.c), TIOCNOTTY (the process gives it up; a session leader gives it up
 * for its session) and TIOCGSID (the session of the terminal's process). */
#include <mach.h>
#include <timed_term.h>
#include "ctty.h"
#include "emul.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "process_identity.h"
#include "term_ioctl.h"
#include "timed_proc.h"

#define CTTY_IOCTL_RPC_MS 5000

/* The terminal's id port, or MACH_PORT_NULL (not a terminal). */
static mach_port_t id_of(mach_port_t port)
{
	mach_port_t id = MACH_PORT_NULL;
	if (timed_term_getctty(port, CTTY_IOCTL_RPC_MS, &id) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return id;
}

/* Whether port is the caller's controlling terminal. */
static bool is_mine(mach_port_t port)
{
	mach_port_t id = id_of(port);
	bool mine = MACH_PORT_VALID(id) && emul_ctty_is(id);
	if (MACH_PORT_VALID(id))
		(void)mach_port_deallocate(mach_task_self(), id);
	return mine;
}

bool emul_term_may_set_foreground(mach_port_t port)
{
	return !MACH_PORT_VALID(emul_ctty_id_port()) || is_mine(port);
}

static long session_of_caller(hurd_pid_t *sid)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc)) {
		*sid = emul_process.pid; /* alone: its own session */
		return 0;
	}
	return emul_process_error(
	    timed_proc_getsid(proc, CTTY_IOCTL_RPC_MS, emul_process.pid, sid));
}

static long set_ctty(mach_port_t port)
{
	if (MACH_PORT_VALID(emul_ctty_id_port()))
		return is_mine(port) ? 0 : -LINUX_EPERM; /* it has one already */
	hurd_pid_t sid = 0;
	long error = session_of_caller(&sid);
	if (error < 0)
		return error;
	if (sid != emul_process.pid)
		return -LINUX_EPERM; /* only a session leader */
	mach_port_t id = MACH_PORT_NULL;
	kern_return_t answer =
	    timed_term_open_ctty(port, CTTY_IOCTL_RPC_MS, emul_process.pid, emul_process.pid, &id);
	if (answer == MIG_BAD_ID || answer == LINUX_EOPNOTSUPP)
		return -LINUX_ENOTTY;
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	emul_ctty_set(id);
	return 0;
}

static long give_up_ctty(mach_port_t port)
{
	if (!is_mine(port))
		return -LINUX_ENOTTY;
	hurd_pid_t sid = 0;
	if (session_of_caller(&sid) == 0 && sid == emul_process.pid) {
		mach_port_t none = MACH_PORT_NULL; /* pgrp 0: the session lets it go */
		(void)timed_term_open_ctty(port, CTTY_IOCTL_RPC_MS, emul_process.pid, 0, &none);
		if (MACH_PORT_VALID(none))
			(void)mach_port_deallocate(mach_task_self(), none);
	}
	emul_ctty_set(MACH_PORT_NULL);
	return 0;
}

long emul_term_ctty_ioctl(mach_port_t port, uint64_t request, uint64_t argument)
{
	switch (request) {
	case LINUX_TIOCSCTTY:
		return set_ctty(port);
	case LINUX_TIOCNOTTY:
		return give_up_ctty(port);
	case LINUX_TIOCGSID: {
		if (!is_mine(port))
			return -LINUX_ENOTTY;
		hurd_pid_t sid = 0;
		long error = session_of_caller(&sid);
		int32_t value = (int32_t)sid;
		return error < 0 ? error : emul_copy_to_user(argument, &value, sizeof(value));
	}
	default:
		return -LINUX_ENOTTY;
	}
}
