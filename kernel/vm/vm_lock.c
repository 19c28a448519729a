/* The VM's lock (see vm_lock.h): a test-and-test-and-set spinlock whose waiters
 * keep serving TLB shoot-downs, since its holder may be waiting for them. */
#include "vm/vm_lock.h"
#include "arch/x86_64/pmap.h"
#include "kern/spinlock.h"

static spinlock_t vm_spinlock = SPINLOCK_INIT;

void vm_lock_acquire(void)
{
	while (!spin_trylock(&vm_spinlock)) {
		while (__atomic_load_n(&vm_spinlock.locked, __ATOMIC_RELAXED)) {
			pmap_tlb_flush_serve();
			spin_pause();
		}
	}
}

void vm_lock_release(void)
{
	spin_unlock(&vm_spinlock);
}
