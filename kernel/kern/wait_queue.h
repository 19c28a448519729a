/* Wait queues: a thread sleeps on one until another thread wakes it. The
 * condition slept on is protected by the queue's own lock. */
#ifndef WB_KERN_WAIT_QUEUE_H
#define WB_KERN_WAIT_QUEUE_H

#include "kern/spinlock.h"

struct thread;

struct wait_queue {
	spinlock_t lock;
	struct thread *first, *last;
};

#define WAIT_QUEUE_INIT {SPINLOCK_INIT, 0, 0}

enum wait_result {
	WAIT_AWAKENED,    /* woken by wait_queue_wake_* */
	WAIT_INTERRUPTED, /* the thread was aborted or is being terminated */
};

/* Called with queue->lock held and interrupts disabled (spin_lock_irqsave);
 * sleeps, and returns with the lock released and interrupts still disabled. */
enum wait_result wait_queue_sleep_locked(struct wait_queue *queue);
void wait_queue_wake_one(struct wait_queue *queue);
void wait_queue_wake_all(struct wait_queue *queue);
/* Takes thread off whatever queue it sleeps on, with WAIT_INTERRUPTED. */
void wait_queue_interrupt(struct thread *thread);

#endif
