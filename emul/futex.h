/* Futex waits and wakes on gsync (futex.c), for the futex call and for the
 * emulator's own uses (thread exit's CLONE_CHILD_CLEARTID wake). */
#ifndef EMUL_FUTEX_H
#define EMUL_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

/* Waits while the 32-bit word at address holds value, until woken or the
 * monotonic clock reaches deadline_ns (INT64_MAX: no deadline). 0, -EAGAIN,
 * -ETIMEDOUT, -EINTR, -EFAULT or -EINVAL. */
long emul_futex_wait(uint64_t address, uint32_t value, int64_t deadline_ns, bool shared);
/* Wakes up to count waiters on the word (all from 64 on). 0 or -errno. */
long emul_futex_wake(uint64_t address, uint64_t count, bool shared);

#endif
