/* Job control in the emulator (signal_stop.c): the process stopped by
 * SIGSTOP, SIGTSTP, SIGTTIN or SIGTTOU and continued by SIGCONT. */
#ifndef EMUL_SIGNAL_STOP_H
#define EMUL_SIGNAL_STOP_H

#include <stdbool.h>
#include <stdint.h>
#include "signal_thread.h"

#define LINUX_SA_NOCLDSTOP  0x00000001u
#define LINUX_CLD_STOPPED   5
#define LINUX_CLD_CONTINUED 6

/* The signals whose default action stops the process. */
#define EMUL_SIGNALS_STOPPING                                                                      \
	(LINUX_SIGNAL_BIT(LINUX_SIGSTOP_) | LINUX_SIGNAL_BIT(LINUX_SIGTSTP) |                      \
	 LINUX_SIGNAL_BIT(LINUX_SIGTTIN) | LINUX_SIGNAL_BIT(LINUX_SIGTTOU))

/* Stops the process on signal: every program thread held, proc told. A
 * program thread calling it returns only after the continue. */
void emul_signal_stop(int signal);
/* Continues a stopped process (threads resumed, proc told, deferred signals
 * posted); false if it was not stopped. */
bool emul_signal_continue(void);
bool emul_signal_stopped(void);
/* While stopped, a signal other than SIGKILL and SIGCONT is kept for the
 * continue: true if it was. */
bool emul_signal_defer_if_stopped(int signal, const struct emul_signal_source *source);
/* Drops pending signals of set (a stop drops SIGCONT, SIGCONT drops stops). */
void emul_signal_discard_pending(uint64_t set);

#endif
