/* The end of a process killed by a signal: the wait status goes to proc (when
 * the process has one, process_proc.c) and the signal's number to whoever
 * started the task (EMUL_SIGNAL_EXIT_MESSAGE_ID on the bootstrap port, which
 * the boot runner prints as "killed by signal N"); then the task ends. */
#include <mach.h>
#include <wildebeest/emul_image.h>
#include "process_identity.h"
#include "signal_internal.h"

_Noreturn void emul_signal_terminate(int signal)
{
	static volatile int ending;
	if (!__atomic_exchange_n(&ending, 1, __ATOMIC_ACQ_REL))
		emul_process_end(signal & 0x7f /* a wait status: killed by signal */,
		                 EMUL_SIGNAL_EXIT_MESSAGE_ID, signal);
	(void)task_terminate(mach_task_self());
	for (;;)
		(void)swtch_pri(0);
}
