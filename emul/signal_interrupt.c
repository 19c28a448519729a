/* The poster's side of an RPC a signal interrupts through its server: it sends
 * interrupt_operation to the port the thread waits on, again while the thread
 * still waits (the request may have reached the server after the first ask),
 * and falls back to thread_abort, or to leaving the call alone, when the
 * server cannot answer it. */
#include <mach.h>
#include <timed_interrupt.h>
#include "clock.h"
#include "signal_internal.h"
#include "signal_wait.h"

#define INTERRUPT_RPC_MS      1000 /* one interrupt_operation waits this long for its answer */
#define INTERRUPT_REPEAT_NS   (50 * 1000000ll)   /* asked again after this, if still waiting */
#define INTERRUPT_PATIENCE_NS (2000 * 1000000ll) /* then the server is taken as unable */
#define RPC_PORT(rpc)         ((mach_port_t)((rpc)&0xffffffffu))

/* The server cannot end the wait: an abortable one loses its port (the next
 * look aborts the thread); another is left to end by itself. */
static bool give_up(struct emul_thread *thread, uint64_t rpc, struct emul_signal_rpc_kick *kick)
{
	if (thread->signals.rpc_abortable) {
		uint64_t cleared = rpc & ~0xffffffffull;
		(void)__atomic_compare_exchange_n(&thread->signals.rpc_wait, &rpc, cleared, false,
		                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
		return true;
	}
	kick->given_up = rpc;
	return false;
}

bool emul_signal_rpc_interrupt(struct emul_thread *thread, uint64_t rpc,
                               struct emul_signal_rpc_kick *kick)
{
	if (rpc == kick->given_up)
		return false;
	int64_t now = emul_clock_monotonic_ns();
	if (rpc != kick->rpc) {
		kick->rpc = rpc;
		kick->first_ns = now;
		kick->last_ns = 0;
	} else if (now - kick->last_ns < INTERRUPT_REPEAT_NS) {
		return true; /* the answer may be on its way */
	} else if (now - kick->first_ns > INTERRUPT_PATIENCE_NS) {
		return give_up(thread, rpc, kick);
	}
	kick->last_ns = now;
	kern_return_t result = timed_interrupt_operation(RPC_PORT(rpc), INTERRUPT_RPC_MS);
	if (result == KERN_SUCCESS)
		return true;
	return give_up(thread, rpc, kick);
}
