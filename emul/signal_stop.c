/* Stopping and continuing the process (job control): a stop holds every
 * program thread (thread_suspend; the caller, if it is one, parks itself) and
 * tells proc; SIGCONT resumes them and tells proc. While stopped, the service
 * thread defers every other signal instead of taking locks a held thread
 * might own, and posts them at the continue. */
#include <mach.h>
#include <wildebeest/gsync.h>
#include "process_identity.h"
#include "signal_internal.h"
#include "signal_stop.h"
#include "timed_proc.h"

#define STOP_PROC_TIMEOUT_MS 2000
#define STOP_PARK_MS         1000

static emul_lock_t stop_lock;     /* stop and continue, one at a time */
static volatile uint32_t stopped; /* 1 while stopped; parked threads wait on it */
static uint64_t deferred;         /* signals posted while stopped (atomic) */
static struct emul_signal_source deferred_sources[LINUX_SIGNALS];

bool emul_signal_stopped(void)
{
	return __atomic_load_n(&stopped, __ATOMIC_ACQUIRE) != 0;
}

bool emul_signal_defer_if_stopped(int signal, const struct emul_signal_source *source)
{
	if (signal == LINUX_SIGKILL_ || signal == LINUX_SIGCONT || !emul_signal_stopped())
		return false;
	uint64_t bit = LINUX_SIGNAL_BIT(signal);
	if (!(__atomic_load_n(&deferred, __ATOMIC_ACQUIRE) & bit))
		deferred_sources[signal - 1] = *source;
	__atomic_or_fetch(&deferred, bit, __ATOMIC_ACQ_REL);
	return true;
}

static void tell_proc_stop(int signal)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return;
	kern_return_t result = timed_proc_mark_stop(proc, STOP_PROC_TIMEOUT_MS, signal, 0);
	if (result != KERN_SUCCESS)
		emul_log("proc: cannot mark the stop (0x%x)", result);
}

static void tell_proc_continue(void)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return;
	kern_return_t result = timed_proc_mark_cont(proc, STOP_PROC_TIMEOUT_MS);
	if (result != KERN_SUCCESS)
		emul_log("proc: cannot mark the continue (0x%x)", result);
}

void emul_signal_stop(int signal)
{
	emul_lock(&stop_lock);
	if (emul_signal_stopped()) {
		emul_unlock(&stop_lock);
		return;
	}
	__atomic_store_n(&stopped, 1, __ATOMIC_RELEASE);
	emul_signal_threads_hold(true);
	emul_unlock(&stop_lock);
	tell_proc_stop(signal);
	/* A program thread that stops the process (raise(SIGTSTP), or a stop
	 * taken at delivery) parks here until the continue. */
	struct emul_thread *self = emul_thread_self();
	if (!self->signals.listed)
		return;
	while (emul_signal_stopped())
		(void)gsync_wait(mach_task_self(), (vm_address_t)&stopped, 1, 0, STOP_PARK_MS,
		                 GSYNC_TIMED);
}

bool emul_signal_continue(void)
{
	emul_lock(&stop_lock);
	if (!emul_signal_stopped()) {
		emul_unlock(&stop_lock);
		return false;
	}
	emul_signal_threads_hold(false);
	__atomic_store_n(&stopped, 0, __ATOMIC_RELEASE);
	(void)gsync_wake(mach_task_self(), (vm_address_t)&stopped, 0, GSYNC_BROADCAST);
	emul_unlock(&stop_lock);
	tell_proc_continue();
	/* Stops that came while stopped are dropped by this continue. */
	uint64_t later =
	    __atomic_exchange_n(&deferred, 0, __ATOMIC_ACQ_REL) & ~EMUL_SIGNALS_STOPPING;
	while (later) {
		int signal = __builtin_ctzll(later) + 1;
		later &= later - 1;
		struct emul_signal_source source = deferred_sources[signal - 1];
		emul_signal_post(signal, &source, NULL);
	}
	return true;
}

void emul_signal_discard_pending(uint64_t set)
{
	struct emul_signal_source ignored;
	for (int signal = 1; signal <= LINUX_SIGNALS; signal++)
		if (set & LINUX_SIGNAL_BIT(signal))
			(void)emul_signal_process_take(signal, &ignored);
	__atomic_and_fetch(&deferred, ~set, __ATOMIC_ACQ_REL);
}
