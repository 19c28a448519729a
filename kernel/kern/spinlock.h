/* Spinlocks: test-and-test-and-set on GCC atomics, portable to the host build.
 * spin_lock_irqsave masks interrupts on this CPU for as long as the lock is held. */
#ifndef WB_KERN_SPINLOCK_H
#define WB_KERN_SPINLOCK_H

#include <stdbool.h>
#include "irq_state.h"

typedef struct spinlock {
	volatile int locked;
} spinlock_t;

#define SPINLOCK_INIT {0}

static inline void spin_pause(void)
{
#if defined(__x86_64__)
	__asm__ volatile("pause" ::: "memory");
#endif
}

static inline bool spin_trylock(spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			spin_pause();
	}
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline irq_state_t spin_lock_irqsave(spinlock_t *lock)
{
	irq_state_t state = irq_save_disable();
	spin_lock(lock);
	return state;
}

static inline void spin_unlock_irqrestore(spinlock_t *lock, irq_state_t state)
{
	spin_unlock(lock);
	irq_restore(state);
}

#endif
