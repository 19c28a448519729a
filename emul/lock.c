/* The emulator's small lock: a spin on an atomic flag that yields the CPU
 * (swtch_pri) while another thread holds it. */
#include <mach/mach_traps.h>
#include "emul.h"

void emul_lock(emul_lock_t *lock)
{
	while (__atomic_exchange_n(&lock->held, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->held, __ATOMIC_RELAXED))
			(void)swtch_pri(0);
}

void emul_unlock(emul_lock_t *lock)
{
	__atomic_store_n(&lock->held, 0, __ATOMIC_RELEASE);
}
