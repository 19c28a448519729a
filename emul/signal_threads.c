/* The live program threads and how a signal reaches one: a thread waiting in
 * the emulator where a signal may end the wait is thread_aborted (in an RPC
 * its server can end, interrupt_operation instead: signal_interrupt.c); one running
 * the program is suspended, its registers saved in its block and it is sent
 * to the trampoline (signal_resume.S), which builds the handler's frame; one
 * anywhere else in the emulator takes the signal when its call returns. */
#include <mach.h>
#include <mach/thread_status.h>
#include <wildebeest/emul_image.h>
#include <wildebeest/gsync.h>
#include "fork.h"
#include "signal_internal.h"
#include "signal_stop.h"
#include "signal_wait.h"
#include "lib/kstring.h"

#define KICK_ATTEMPTS 50 /* a thread busy in the emulator is looked at for 100 ms */
#define KICK_PAUSE_MS 2

static emul_lock_t list_lock;
static struct emul_thread *threads; /* under list_lock */

void emul_signal_thread_add(struct emul_thread *thread)
{
	emul_lock(&list_lock);
	thread->next_listed = threads;
	threads = thread;
	thread->signals.listed = 1;
	emul_unlock(&list_lock);
}

void emul_signal_thread_remove(struct emul_thread *thread)
{
	emul_lock(&list_lock);
	for (struct emul_thread **link = &threads; *link; link = &(*link)->next_listed)
		if (*link == thread) {
			*link = thread->next_listed;
			break;
		}
	thread->signals.listed = 0;
	emul_unlock(&list_lock);
	/* What was pending for it alone goes to the process (Linux drops it; a
	 * process signal must not be lost). */
}

struct emul_thread *emul_signal_threads_forked(struct emul_thread *self)
{
	/* fork.c held no list lock: another thread of the parent may have; the
	 * child has one thread, so the lock starts free. */
	emul_unlock(&list_lock);
	struct emul_thread *others = NULL;
	for (struct emul_thread *thread = threads, *next; thread; thread = next) {
		next = thread->next_listed;
		if (thread != self) {
			thread->next_listed = others;
			others = thread;
		}
	}
	threads = self;
	self->next_listed = NULL;
	self->signals.listed = 1;
	return others;
}

bool emul_signal_in_emulator(uint64_t rip)
{
	return rip >= EMUL_IMAGE_BASE && rip < EMUL_IMAGE_END;
}

void emul_signal_registers_from_state(const struct i386_thread_state *state,
                                      struct linux_sigcontext *registers)
{
	registers->r8 = state->r8, registers->r9 = state->r9, registers->r10 = state->r10;
	registers->r11 = state->r11, registers->r12 = state->r12, registers->r13 = state->r13;
	registers->r14 = state->r14, registers->r15 = state->r15, registers->rdi = state->rdi;
	registers->rsi = state->rsi, registers->rbp = state->rbp, registers->rbx = state->rbx;
	registers->rdx = state->rdx, registers->rax = state->rax, registers->rcx = state->rcx;
	registers->rsp = state->ursp, registers->rip = state->rip, registers->rflags = state->rfl;
	registers->cs = (uint16_t)state->cs, registers->ss = (uint16_t)state->ss;
}

void emul_signal_state_from_registers(const struct linux_sigcontext *registers,
                                      struct i386_thread_state *state)
{
	state->r8 = registers->r8, state->r9 = registers->r9, state->r10 = registers->r10;
	state->r11 = registers->r11, state->r12 = registers->r12, state->r13 = registers->r13;
	state->r14 = registers->r14, state->r15 = registers->r15, state->rdi = registers->rdi;
	state->rsi = registers->rsi, state->rbp = registers->rbp, state->rbx = registers->rbx;
	state->rdx = registers->rdx, state->rax = registers->rax, state->rcx = registers->rcx;
	state->rsp = registers->rsp, state->ursp = registers->rsp, state->rip = registers->rip;
	state->rfl = registers->rflags;
}

/* The thread runs the program: divert it to the trampoline. Called with the
 * thread suspended and its state read. */
static void divert(struct emul_thread *thread, struct i386_thread_state *state)
{
	memset(&thread->signals.context.registers, 0, sizeof(thread->signals.context.registers));
	emul_signal_registers_from_state(state, &thread->signals.context.registers);
	state->rip = (uint64_t)emul_signal_trampoline;
	state->rsp = state->ursp = emul_signal_stack_top(thread);
	kern_return_t result = thread_set_state(thread->thread_port, i386_THREAD_STATE,
	                                        (thread_state_t)state, i386_THREAD_STATE_COUNT);
	if (result != KERN_SUCCESS)
		emul_log("signal: cannot divert thread %d (0x%x)", thread->tid, result);
}

/* One look at the thread, suspended: true once it is sure to take the signal
 * (diverted, its wait aborted, or it can no longer be reached). A thread in
 * an RPC its server interrupts is not aborted: *rpc tells the poster which. */
static bool kick_once(struct emul_thread *thread, uint64_t *rpc)
{
	if (thread_suspend(thread->thread_port) != KERN_SUCCESS)
		return true; /* ended meanwhile */
	struct i386_thread_state state;
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	kern_return_t result = thread_get_state(thread->thread_port, i386_THREAD_STATE,
	                                        (thread_state_t)&state, &count);
	/* Taken meanwhile (the thread may be in a new wait): leave it alone. */
	bool done = result != KERN_SUCCESS || !emul_signal_deliverable(thread);
	if (!done) {
		if (!emul_signal_in_emulator(state.rip)) {
			divert(thread, &state);
			done = true;
		} else if (thread->signals.interruptible) {
			*rpc = __atomic_load_n(&thread->signals.rpc_wait, __ATOMIC_ACQUIRE);
			/* Not done: an abort that came just before the wait began
			 * is lost, so abort again until the thread leaves its wait. */
			if (!emul_rpc_port(*rpc))
				(void)thread_abort(thread->thread_port);
		}
	}
	(void)thread_resume(thread->thread_port);
	return done;
}

void emul_signal_kick(struct emul_thread *thread)
{
	if (thread == emul_thread_self())
		return; /* it takes the signal at the end of its current call */
	/* A thread in the emulator takes the signal as its call returns, unless it
	 * had already looked: so look again a few times, until it is back in the
	 * program (diverted), waits (aborted), or has taken the signal. A long
	 * call that no signal interrupts keeps it for its return. */
	volatile uint32_t never_woken = 0;
	struct emul_signal_rpc_kick rpc_kick = {0};
	for (int attempt = 0; attempt < KICK_ATTEMPTS;) {
		uint64_t rpc = 0;
		if (kick_once(thread, &rpc) || !emul_signal_deliverable(thread))
			return;
		/* A wait its server ends (signal_interrupt.c) has its own bound. */
		if (!emul_rpc_port(rpc))
			attempt++;
		else if (!emul_signal_rpc_interrupt(thread, rpc, &rpc_kick))
			return;
		(void)gsync_wait(mach_task_self(), (vm_address_t)&never_woken, 0, 0, KICK_PAUSE_MS,
		                 GSYNC_TIMED);
	}
}

/* A listed thread that does not block signal, the caller first. */
static struct emul_thread *taker(int signal, bool *any_blocks)
{
	uint64_t bit = LINUX_SIGNAL_BIT(signal);
	struct emul_thread *self = emul_thread_self();
	*any_blocks = false;
	if (self->signals.listed && !(self->signal_mask & bit))
		return self;
	struct emul_thread *found = NULL;
	emul_lock(&list_lock);
	for (struct emul_thread *thread = threads; thread; thread = thread->next_listed) {
		if (!(thread->signal_mask & bit)) {
			if (!found)
				found = thread;
		} else {
			*any_blocks = true;
		}
	}
	emul_unlock(&list_lock);
	return found;
}

void emul_signal_threads_hold(bool hold)
{
	struct emul_thread *self = emul_thread_self();
	emul_lock(&list_lock);
	for (struct emul_thread *thread = threads; thread; thread = thread->next_listed) {
		if (thread == self)
			continue;
		if (hold && !thread->signals.stop_held)
			thread->signals.stop_held =
			    thread_suspend(thread->thread_port) == KERN_SUCCESS;
		else if (!hold && thread->signals.stop_held) {
			(void)thread_resume(thread->thread_port);
			thread->signals.stop_held = 0;
		}
	}
	emul_unlock(&list_lock);
}

void emul_signal_post(int signal, const struct emul_signal_source *source,
                      struct emul_thread *only_thread)
{
	if (signal == LINUX_SIGKILL_)
		emul_signal_terminate(signal);
	if (signal == LINUX_SIGCONT) {
		/* Continues even when blocked or ignored (threads resumed first:
		 * a held one may hold the lock the discard takes); drops pending
		 * stops. */
		(void)emul_signal_continue();
		emul_signal_discard_pending(EMUL_SIGNALS_STOPPING);
	}
	if (emul_signal_defer_if_stopped(signal, source))
		return; /* held threads may hold the locks below */
	if (emul_signal_ignored(signal))
		return;
	struct linux_sigaction action = emul_signal_action(signal);
	enum emul_signal_default fallback = emul_signal_default_action(signal);
	bool fatal = action.handler == LINUX_SIG_DFL && fallback == EMUL_SIGNAL_TERMINATE;
	bool stops = action.handler == LINUX_SIG_DFL && fallback == EMUL_SIGNAL_STOP;
	if (stops)
		emul_signal_discard_pending(LINUX_SIGNAL_BIT(LINUX_SIGCONT));
	if (only_thread) {
		bool blocked = (only_thread->signal_mask & LINUX_SIGNAL_BIT(signal)) != 0;
		if (fatal && !blocked)
			emul_signal_terminate(signal);
		if (stops && !blocked) {
			emul_signal_stop(signal);
			return;
		}
		only_thread->signals.sources[signal - 1] = *source;
		__atomic_or_fetch(&only_thread->signals.pending, LINUX_SIGNAL_BIT(signal),
		                  __ATOMIC_ACQ_REL);
		if (!(only_thread->signal_mask & LINUX_SIGNAL_BIT(signal)))
			emul_signal_kick(only_thread);
		return;
	}
	bool any_blocks;
	struct emul_thread *thread = taker(signal, &any_blocks);
	if (fatal && thread)
		emul_signal_terminate(signal);
	if (stops && thread) {
		emul_signal_stop(signal);
		return;
	}
	emul_signal_process_add(signal, source);
	if (thread)
		emul_signal_kick(thread);
}

bool emul_signal_wait_begin(void)
{
	struct emul_thread *self = emul_thread_self();
	self->signals.interruptible = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (emul_signal_deliverable(self)) {
		self->signals.interruptible = 0;
		return false;
	}
	return true;
}

void emul_signal_wait_end(void)
{
	emul_thread_self()->signals.interruptible = 0;
}

struct emul_thread *emul_signal_thread_by_tid(int32_t tid)
{
	struct emul_thread *found = NULL;
	emul_lock(&list_lock);
	for (struct emul_thread *thread = threads; thread && !found; thread = thread->next_listed)
		if (thread->tid == tid)
			found = thread;
	emul_unlock(&list_lock);
	return found;
}

struct emul_thread *emul_signal_thread_by_port(mach_port_t port)
{
	struct emul_thread *found = NULL;
	emul_lock(&list_lock);
	for (struct emul_thread *thread = threads; thread && !found; thread = thread->next_listed)
		if (thread->thread_port == port)
			found = thread;
	emul_unlock(&list_lock);
	return found;
}
