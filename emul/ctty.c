/* The controlling terminal: the id port of the session's terminal (the Hurd's
 * INIT_PORT_CTTYID, term_getctty's answer), which the msg port accepts as the
 * right to post the terminal's signals and which fork and exec pass on
 * (emul_ctty_id_port). At start a process given a terminal's own port
 * normalises it to the id port; one in the boot runner's group (the herd's
 * init) also becomes a session leader with the terminal as its ctty and its
 * group in the foreground. */
#include <mach.h>
#include <timed_term.h>
#include "ctty.h"
#include "emul.h"
#include "process_identity.h"
#include "timed_proc.h"

#define CTTY_RPC_MS     2000
#define BOOT_RUNNER_PID 1

/* A send right of ours, or MACH_PORT_NULL; atomic, without a lock: the
 * message port's rule reads it even while held threads are stopped. */
static mach_port_t ctty_id;

mach_port_t emul_ctty_id_port(void)
{
	return __atomic_load_n(&ctty_id, __ATOMIC_ACQUIRE);
}

void emul_ctty_set(mach_port_t id)
{
	mach_port_t old = __atomic_exchange_n(&ctty_id, id, __ATOMIC_ACQ_REL);
	if (MACH_PORT_VALID(old) && old != id)
		(void)mach_port_deallocate(mach_task_self(), old);
}

bool emul_ctty_is(mach_port_t port)
{
	return MACH_PORT_VALID(port) && port == emul_ctty_id_port();
}

bool emul_ctty_port_is_terminal(mach_port_t port)
{
	mach_port_t id = MACH_PORT_NULL;
	if (timed_term_getctty(port, CTTY_RPC_MS, &id) != KERN_SUCCESS)
		return false;
	if (MACH_PORT_VALID(id))
		(void)mach_port_deallocate(mach_task_self(), id);
	return true;
}

/* The herd's init: its own session, the terminal its ctty, its group in front. */
static mach_port_t claim(mach_port_t terminal)
{
	mach_port_t proc = emul_process_proc_port();
	hurd_pid_t group = 0, session = 0;
	if (!MACH_PORT_VALID(proc) ||
	    timed_proc_getpgrp(proc, CTTY_RPC_MS, emul_process.pid, &group) != KERN_SUCCESS ||
	    group != BOOT_RUNNER_PID ||
	    timed_proc_setsid(proc, CTTY_RPC_MS, &session) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	mach_port_t id = MACH_PORT_NULL;
	if (timed_term_open_ctty(terminal, CTTY_RPC_MS, emul_process.pid, emul_process.pid, &id) !=
	    KERN_SUCCESS)
		return MACH_PORT_NULL;
	return id;
}

void emul_ctty_init(void)
{
	mach_port_t given = emul_process.init_ports[INIT_PORT_CTTYID];
	if (!MACH_PORT_VALID(given))
		return;
	mach_port_t id = MACH_PORT_NULL;
	kern_return_t result = timed_term_getctty(given, CTTY_RPC_MS, &id);
	if (result != KERN_SUCCESS || !MACH_PORT_VALID(id)) {
		/* Not a terminal: an id port already (what fork and exec pass on). */
		if (mach_port_mod_refs(mach_task_self(), given, MACH_PORT_RIGHT_SEND, 1) ==
		    KERN_SUCCESS)
			emul_ctty_set(given);
		return;
	}
	mach_port_t claimed = claim(given);
	if (MACH_PORT_VALID(claimed)) {
		(void)mach_port_deallocate(mach_task_self(), id);
		id = claimed;
	}
	emul_ctty_set(id);
}
