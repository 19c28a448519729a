/* The VM's lock: one spinlock over every address map, memory object, resident
 * page and the pmap's reverse maps. See docs/ARCHITECTURE.md, "Virtual memory". */
#ifndef WB_VM_VM_LOCK_H
#define WB_VM_VM_LOCK_H

#include <stdbool.h>

/* Taken with interrupts as they are; while it spins it serves TLB shoot-down
 * requests, so a holder that shoots down never waits for a CPU spinning here.
 * Never taken while holding another spinlock (nor from an interrupt handler);
 * dropped before sleeping. */
void vm_lock_acquire(void);
/* Releases the lock, then sends the messages to pagers decided under it
 * (vm_pager_outbox.h) and wakes faults waiting for pagers if anything changed
 * for them: so it too must not be called holding another spinlock. */
void vm_lock_release(void);
/* The same without sending: for the outbox itself and for code that releases
 * the lock while holding another spinlock (a wait queue's, before sleeping). */
void vm_lock_acquire_raw(void);
void vm_lock_release_raw(void);

#endif
