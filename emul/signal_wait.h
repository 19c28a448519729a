/* Waits a signal may end (signal_wait.c), for the calls that wait for one and
 * for the other waits of the emulator (sleeps, futexes). */
#ifndef EMUL_SIGNAL_WAIT_H
#define EMUL_SIGNAL_WAIT_H

#include <stdbool.h>
#include <stdint.h>

/* Waits until a signal of wanted is pending (0), one the thread can take
 * arrives (-EINTR), or the monotonic deadline passes (-EAGAIN; INT64_MAX:
 * never). */
long emul_signal_wait(uint64_t wanted, int64_t deadline_ns);
/* True if the calling thread has a signal it can take now: a wait should end
 * with -EINTR. */
bool emul_signal_interrupts(void);

#endif
