/* Waiting until a signal comes: the one wait pause, rt_sigsuspend and
 * rt_sigtimedwait share, a timed gsync_wait on a word nobody wakes, broken by
 * thread_abort from a poster (signal_threads.c) and, against the race where
 * the abort comes just before the wait starts, looking every
 * EMUL_SIGNAL_POLL_MS. Also the marks of an RPC a signal interrupts through
 * its server (signal_interrupt.c). */
#include <mach.h>
#include <wildebeest/gsync.h>
#include "clock.h"
#include "signal_internal.h"
#include "signal_wait.h"

#define NO_DEADLINE INT64_MAX

static uint64_t pending_in(const struct emul_thread *thread, uint64_t wanted)
{
	return (__atomic_load_n(&thread->signals.pending, __ATOMIC_ACQUIRE) |
	        emul_signal_process_pending()) &
	       wanted;
}

long emul_signal_wait(uint64_t wanted, int64_t deadline_ns)
{
	struct emul_thread *self = emul_thread_self();
	volatile uint32_t never_woken = 0;
	for (;;) {
		if (wanted && pending_in(self, wanted))
			return 0;
		if (!emul_signal_wait_begin())
			return -LINUX_EINTR;
		uint32_t ms = EMUL_SIGNAL_POLL_MS;
		if (deadline_ns != NO_DEADLINE) {
			int64_t now = emul_clock_monotonic_ns();
			if (now >= deadline_ns) {
				emul_signal_wait_end();
				return -LINUX_EAGAIN;
			}
			uint32_t left = emul_wait_ms_until(deadline_ns, now);
			ms = left < ms ? left : ms;
		}
		kern_return_t result =
		    gsync_wait(mach_task_self(), (vm_address_t)&never_woken, 0, 0, ms, GSYNC_TIMED);
		emul_signal_wait_end();
		if (result != KERN_TIMEDOUT && result != KERN_INTERRUPTED &&
		    result != KERN_SUCCESS) {
			emul_log("signal wait: gsync_wait failed (0x%x)", result);
			return -LINUX_EINTR;
		}
	}
}

bool emul_signal_rpc_begin(mach_port_t port, bool abortable)
{
	struct emul_thread *self = emul_thread_self();
	self->signals.rpc_abortable = abortable;
	uint64_t rpc = emul_rpc_mark(++self->signals.rpc_serial, (uint32_t)port);
	/* Published before interruptible: a poster that sees one sees the other. */
	__atomic_store_n(&self->signals.rpc_wait, rpc, __ATOMIC_RELEASE);
	if (emul_signal_wait_begin())
		return true;
	__atomic_store_n(&self->signals.rpc_wait, 0, __ATOMIC_RELEASE);
	return false;
}

void emul_signal_rpc_end(void)
{
	struct emul_thread *self = emul_thread_self();
	emul_signal_wait_end();
	__atomic_store_n(&self->signals.rpc_wait, 0, __ATOMIC_RELEASE);
}

bool emul_signal_interrupts(void)
{
	return emul_signal_deliverable(emul_thread_self()) != 0;
}
