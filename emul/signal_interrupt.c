/* The poster's side of an RPC a signal interrupts through its server: it sends
 * interrupt_operation to the port the thread waits on, again while the thread
 * still waits (signal_interrupt_logic.c), and falls back to thread_abort, or
 * to leaving the call alone, when the server cannot answer it. */
#include <mach.h>
#include <timed_interrupt.h>
#include "clock.h"
#include "signal_internal.h"
#include "signal_wait.h"

#define INTERRUPT_RPC_MS 1000 /* one interrupt_operation waits this long for its answer */

/* The server cannot end the wait: an abortable one loses its port (the next
 * look aborts the thread); another is left to end by itself. */
static bool give_up(struct emul_thread *thread, uint64_t rpc, struct emul_signal_rpc_kick *kick)
{
	if (thread->signals.rpc_abortable) {
		(void)__atomic_compare_exchange_n(&thread->signals.rpc_wait, &rpc,
		                                  emul_rpc_cleared(rpc), false, __ATOMIC_ACQ_REL,
		                                  __ATOMIC_ACQUIRE);
		return true;
	}
	kick->given_up = rpc;
	return false;
}

bool emul_signal_rpc_interrupt(struct emul_thread *thread, uint64_t rpc,
                               struct emul_signal_rpc_kick *kick)
{
	switch (emul_signal_rpc_step(kick, rpc, emul_clock_monotonic_ns())) {
	case EMUL_RPC_WAIT:
		return true;
	case EMUL_RPC_LEFT:
		return false;
	case EMUL_RPC_ASK:
		if (timed_interrupt_operation(emul_rpc_port(rpc), INTERRUPT_RPC_MS) == KERN_SUCCESS)
			return true;
		return give_up(thread, rpc, kick); /* dead, silent or unknowing server */
	case EMUL_RPC_GIVE_UP:
		return give_up(thread, rpc, kick);
	}
	return false;
}
