/* The emulator's signal machinery, between its files: the process-wide
 * actions and pending set (signal_state.c), delivery on a real Linux frame
 * (signal_deliver.c, signal_resume.S), the list of live threads and how a
 * thread is interrupted (signal_threads.c), the service thread that takes
 * exceptions and runs the interval timer (signal_service.c). */
#ifndef EMUL_SIGNAL_INTERNAL_H
#define EMUL_SIGNAL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "emul.h"
#include "linux_abi.h"
#include "signal_logic.h"

/* The action of signal (1..64), a copy. */
struct linux_sigaction emul_signal_action(int signal);
/* Replaces the action (rt_sigaction); returns the previous one. */
struct linux_sigaction emul_signal_set_action(int signal, const struct linux_sigaction *action);
/* SA_RESETHAND: back to SIG_DFL once delivered. */
void emul_signal_reset_action(int signal);
/* True if the signal, delivered now, would be thrown away (SIG_IGN, or
 * SIG_DFL whose default is to ignore or continue; SIGCONT's continue happens
 * when it is posted). */
bool emul_signal_ignored(int signal);

/* The process-wide pending set, and the source of each pending signal. */
uint64_t emul_signal_process_pending(void);
void emul_signal_process_add(int signal, const struct emul_signal_source *source);
/* Takes signal out of the process set; true if it was there (source filled). */
bool emul_signal_process_take(int signal, struct emul_signal_source *source);

/* Signals that thread could take now: its own and the process's, less its mask. */
uint64_t emul_signal_deliverable(const struct emul_thread *thread);

/* Makes signal pending for the process (kill, the timer, a message) or one
 * thread (tkill, tgkill), and wakes a thread that can take it: one in a wait
 * is interrupted, one running the program is diverted to the delivery code.
 * A signal whose action ignores it is dropped; one whose default action ends
 * the process and that no thread blocks ends it at once. */
void emul_signal_post(int signal, const struct emul_signal_source *source,
                      struct emul_thread *only_thread);

/* Ends the process killed by signal: the status to proc and the boot runner. */
_Noreturn void emul_signal_terminate(int signal);

/* After a system call (dispatch.c): if a signal can be taken, the call's
 * result (or its restart, for -EINTR under SA_RESTART) is saved as the
 * interrupted state and a handler frame is built; does not return then. */
void emul_signal_after_syscall(struct emul_frame *frame, uint64_t number);
/* Delivers the signals thread can take, starting from its saved context
 * (thread->signals.context, FXSAVE image included), or resumes it there. */
_Noreturn void emul_signal_deliver_saved(struct emul_thread *thread);
/* Loads the whole context (FPU, every register, rflags) and jumps to its rip
 * (signal_resume.S). */
_Noreturn void emul_signal_resume(const struct emul_signal_context *context);
/* Saves the FPU/SSE state to a 16-byte aligned 512-byte area (FXSAVE64). */
void emul_signal_save_fpu(uint8_t *area);
/* Where a thread diverted from the program starts (signal_resume.S): on its
 * signal stack, it saves its FPU state and delivers. */
void emul_signal_trampoline(void) __attribute__((visibility("hidden")));
/* The top of the stack delivery runs on for thread. */
uint64_t emul_signal_stack_top(struct emul_thread *thread);
/* Called by the trampoline. */
_Noreturn void emul_signal_diverted(void);

/* The live program threads (signal_threads.c). */
void emul_signal_thread_add(struct emul_thread *thread);
void emul_signal_thread_remove(struct emul_thread *thread);
/* The listed thread with this thread id, or thread port name; NULL if none. */
struct emul_thread *emul_signal_thread_by_tid(int32_t tid);
struct emul_thread *emul_signal_thread_by_port(mach_port_t port);
/* Suspends (hold) or resumes every listed thread but the caller, for a stop
 * and its continue (signal_stop.c); with hold, threads that start later are
 * not held. */
void emul_signal_threads_hold(bool hold);
/* kill(getpid(), signal): 0 (signal 0 checks only). */
long emul_signal_kill_self(int signal);
/* Interrupts thread so that it takes a pending signal soon: see emul_signal_post. */
void emul_signal_kick(struct emul_thread *thread);
/* True if rip lies in the emulator's image. */
bool emul_signal_in_emulator(uint64_t rip);
/* Converts between the kernel's thread state and a sigcontext. */
struct i386_thread_state;
void emul_signal_registers_from_state(const struct i386_thread_state *state,
                                      struct linux_sigcontext *registers);
void emul_signal_state_from_registers(const struct linux_sigcontext *registers,
                                      struct i386_thread_state *state);

/* A wait that a signal may interrupt (pause, sigsuspend, nanosleep, futex):
 * between begin and end, a poster thread_aborts the thread; the waits also
 * wake up at least every EMUL_SIGNAL_POLL_MS to look. begin returns false if
 * a signal is deliverable already (the caller answers -EINTR). */
#define EMUL_SIGNAL_POLL_MS 100u
bool emul_signal_wait_begin(void);
void emul_signal_wait_end(void);

/* The service thread: exceptions and the interval timer (signal_service.c). */
void emul_signal_service_start(void);
/* Arms ITIMER_REAL: the first expiry at deadline_ns (monotonic, 0: disarmed),
 * then every interval_ns (0: once). Returns the previous values. */
void emul_signal_timer_set(int64_t deadline_ns, int64_t interval_ns, int64_t *old_deadline_ns,
                           int64_t *old_interval_ns);
void emul_signal_timer_get(int64_t *deadline_ns, int64_t *interval_ns);

#endif
