/* Job control's rule for a background process group and its controlling
 * terminal, checked here in the emulator (which knows its group; term knows
 * the foreground group and answers term_get_foreground): a read gets SIGTTIN,
 * a write with TOSTOP and a change of the terminal's modes or foreground get
 * SIGTTOU, and the call is restarted once the signal has been taken (after a
 * stop and continue, or a handler with SA_RESTART); EIO instead when the
 * signal is blocked or ignored (for SIGTTIN) or the group is orphaned. */
#include <mach.h>
#include <timed_term.h>
#include "ctty.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "process_identity.h"
#include "signal_internal.h"
#include "signal_stop.h"
#include "timed_proc.h"

#define BACKGROUND_RPC_MS 2000
#define LINUX_TOSTOP      0000400u
#define LINUX_ERESTARTSYS 512

/* Whether the terminal behind port is this process's controlling terminal. */
static bool is_my_ctty(mach_port_t port)
{
	mach_port_t ctty = emul_ctty_id_port();
	if (!MACH_PORT_VALID(ctty))
		return false;
	mach_port_t id = MACH_PORT_NULL;
	if (timed_term_getctty(port, BACKGROUND_RPC_MS, &id) != KERN_SUCCESS)
		return false;
	bool mine = id == ctty;
	if (MACH_PORT_VALID(id))
		(void)mach_port_deallocate(mach_task_self(), id);
	return mine;
}

/* Whether signal would be thrown away or held back: blocked by the caller,
 * or SIG_IGN. */
static bool refused(int signal)
{
	uint64_t bit = LINUX_SIGNAL_BIT(signal);
	return (emul_thread_self()->signal_mask & bit) ||
	       emul_signal_action(signal).handler == LINUX_SIG_IGN;
}

long emul_ctty_background_check(mach_port_t port, enum emul_ctty_access access)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc) || !is_my_ctty(port))
		return 0;
	hurd_pid_t foreground = 0, group = 0;
	if (timed_term_get_foreground(port, BACKGROUND_RPC_MS, &foreground) != KERN_SUCCESS ||
	    timed_proc_getpgrp(proc, BACKGROUND_RPC_MS, emul_process.pid, &group) != KERN_SUCCESS ||
	    foreground == group)
		return 0;
	int signal = access == EMUL_CTTY_READ ? LINUX_SIGTTIN : LINUX_SIGTTOU;
	if (access == EMUL_CTTY_WRITE) {
		termios_t modes;
		if (timed_term_get_attributes(port, BACKGROUND_RPC_MS, &modes) != KERN_SUCCESS ||
		    !(modes.local_flags & LINUX_TOSTOP))
			return 0; /* a background write is allowed without TOSTOP */
	}
	if (refused(signal))
		return access == EMUL_CTTY_READ ? -LINUX_EIO : 0; /* POSIX: the change is made */
	hurd_pid_t pid = 0, parent = 0;
	int orphaned = 0;
	if (timed_proc_getpids(proc, BACKGROUND_RPC_MS, &pid, &parent, &orphaned) == KERN_SUCCESS &&
	    orphaned)
		return -LINUX_EIO;
	struct emul_signal_source source = {.code = LINUX_SI_KERNEL};
	emul_signal_post(signal, &source, NULL);
	return -LINUX_ERESTARTSYS;
}
