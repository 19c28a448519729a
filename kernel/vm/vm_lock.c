/* The VM's lock (see vm_lock.h): a test-and-test-and-set spinlock whose waiters
 * keep serving TLB shoot-downs, since its holder may be waiting for them. */
#include "vm/vm_lock.h"
#include "vm/vm_pager_outbox.h"
#include "vm/vm_pager.h"
#include "arch/x86_64/pmap.h"
#include "kern/spinlock.h"

static spinlock_t vm_spinlock = SPINLOCK_INIT;

void vm_lock_acquire_raw(void)
{
	while (!spin_trylock(&vm_spinlock)) {
		while (__atomic_load_n(&vm_spinlock.locked, __ATOMIC_RELAXED)) {
			pmap_tlb_flush_serve();
			spin_pause();
		}
	}
}

void vm_lock_release_raw(void)
{
	spin_unlock(&vm_spinlock);
}

void vm_lock_acquire(void)
{
	vm_lock_acquire_raw();
}

void vm_lock_release(void)
{
	spin_unlock(&vm_spinlock);
	if (__atomic_load_n(&vm_pager_outbox_pending, __ATOMIC_ACQUIRE))
		vm_pager_outbox_flush();
	vm_pager_wake_waiters();
}
