/* The process-wide signal state: the action of each signal (rt_sigaction) and
 * the signals pending for the process as a whole, with who sent each. */
#include "fork.h"
#include "signal_internal.h"
#include "lib/kstring.h"

static emul_lock_t state_lock;
static struct linux_sigaction actions[LINUX_SIGNALS];
static uint64_t process_pending;
static struct emul_signal_source process_sources[LINUX_SIGNALS];

struct linux_sigaction emul_signal_action(int signal)
{
	emul_lock(&state_lock);
	struct linux_sigaction action = actions[signal - 1];
	emul_unlock(&state_lock);
	return action;
}

struct linux_sigaction emul_signal_set_action(int signal, const struct linux_sigaction *action)
{
	emul_lock(&state_lock);
	struct linux_sigaction previous = actions[signal - 1];
	actions[signal - 1] = *action;
	/* POSIX: setting SIG_IGN (or SIG_DFL of an ignored default) discards pending ones. */
	bool discard = action->handler == LINUX_SIG_IGN ||
	               (action->handler == LINUX_SIG_DFL &&
	                emul_signal_default_action(signal) == EMUL_SIGNAL_IGNORE);
	if (discard)
		__atomic_and_fetch(&process_pending, ~LINUX_SIGNAL_BIT(signal), __ATOMIC_ACQ_REL);
	emul_unlock(&state_lock);
	return previous;
}

void emul_signal_reset_action(int signal)
{
	emul_lock(&state_lock);
	actions[signal - 1].handler = LINUX_SIG_DFL;
	actions[signal - 1].flags &= ~(uint64_t)LINUX_SA_SIGINFO;
	emul_unlock(&state_lock);
}

bool emul_signal_ignored(int signal)
{
	struct linux_sigaction action = emul_signal_action(signal);
	if (action.handler == LINUX_SIG_IGN)
		return signal != LINUX_SIGKILL_ && signal != LINUX_SIGSTOP_;
	return action.handler == LINUX_SIG_DFL &&
	       emul_signal_default_action(signal) != EMUL_SIGNAL_TERMINATE;
}

uint64_t emul_signal_process_pending(void)
{
	return __atomic_load_n(&process_pending, __ATOMIC_ACQUIRE);
}

void emul_signal_process_add(int signal, const struct emul_signal_source *source)
{
	emul_lock(&state_lock);
	if (!(process_pending & LINUX_SIGNAL_BIT(signal)))
		process_sources[signal - 1] = *source;
	__atomic_or_fetch(&process_pending, LINUX_SIGNAL_BIT(signal), __ATOMIC_ACQ_REL);
	emul_unlock(&state_lock);
}

bool emul_signal_process_take(int signal, struct emul_signal_source *source)
{
	emul_lock(&state_lock);
	bool was = (process_pending & LINUX_SIGNAL_BIT(signal)) != 0;
	if (was) {
		*source = process_sources[signal - 1];
		__atomic_and_fetch(&process_pending, ~LINUX_SIGNAL_BIT(signal), __ATOMIC_ACQ_REL);
	}
	emul_unlock(&state_lock);
	return was;
}

uint64_t emul_signal_deliverable(const struct emul_thread *thread)
{
	uint64_t pending = __atomic_load_n(&thread->signals.pending, __ATOMIC_ACQUIRE) |
	                   emul_signal_process_pending();
	return pending & ~thread->signal_mask;
}

void emul_signal_state_forked(void)
{
	emul_unlock(&state_lock); /* see emul_signal_threads_forked */
	__atomic_store_n(&process_pending, 0, __ATOMIC_RELEASE); /* the actions stay */
}
