/* Waits a signal may end (signal_wait.c), for the calls that wait for one and
 * for the other waits of the emulator (sleeps, futexes). */
#ifndef EMUL_SIGNAL_WAIT_H
#define EMUL_SIGNAL_WAIT_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/port.h>
#include "signal_interrupt_logic.h"

/* Waits until a signal of wanted is pending (0), one the thread can take
 * arrives (-EINTR), or the monotonic deadline passes (-EAGAIN; INT64_MAX:
 * never). */
long emul_signal_wait(uint64_t wanted, int64_t deadline_ns);
/* True if the calling thread has a signal it can take now: a wait should end
 * with -EINTR. */
bool emul_signal_interrupts(void);

/* An RPC on port that may wait and that a signal interrupts (a read, write or
 * select on a pipe or terminal) through the server: between begin and end a
 * poster asks port's server with interrupt_operation to answer it now (EINTR,
 * or what was done), and the thread takes that answer as usual -- nothing is
 * lost. Only when the server cannot (dead, silent, or does not know
 * interrupt_operation) is an abortable RPC thread_aborted (its answer is
 * abandoned); one that is not (a write: done twice under SA_RESTART
 * otherwise) goes on until its answer comes. begin is false if a signal is
 * deliverable already (the caller answers -EINTR). */
bool emul_signal_rpc_begin(mach_port_t port, bool abortable);
void emul_signal_rpc_end(void);
/* The most EINTR answers a thread takes for interrupts that were not its own
 * (another process's, on a port shared across fork) before it gives up. */
#define EMUL_SIGNAL_FOREIGN_EINTRS 64

/* The poster's side (signal_interrupt.c), for a thread seen waiting in such an
 * RPC (rpc: its rpc_wait mark, signal_interrupt_logic.h). */
struct emul_thread;
/* Asks the server to end thread's RPC (again after a while: the request may
 * not have reached the server the first time). True while the poster should
 * keep looking; when the server cannot, an abortable wait is marked for the
 * abort (its port cleared) and a look aborts it. */
bool emul_signal_rpc_interrupt(struct emul_thread *thread, uint64_t rpc,
                               struct emul_signal_rpc_kick *kick);

#endif
