/* Kernel timers: a monotonic millisecond clock and one-shot timers whose expiry
 * callbacks run from the 100 Hz scheduler tick, on whichever CPU sees them due.
 * Timed sleeps are built on these: the expiry wakes the sleeping thread. */
#ifndef WB_KERN_TIMER_H
#define WB_KERN_TIMER_H

#include <stdbool.h>
#include <stdint.h>

/* Embed one in the object to be timed; all-zero is a valid idle timer, so one
 * inside a zone_alloc'ed or kalloc'ed object needs no initialization. The
 * fields are the timer list's: read them only through the functions below. */
struct timer {
	struct timer *next, *prev; /* in the pending list, earliest deadline first */
	uint64_t deadline_ms;
	void (*expire)(struct timer *timer);
	bool pending; /* armed and its callback not yet started */
};

/* Starts the clock; once, on the boot CPU, after the TSC is calibrated. */
void timer_system_init(void);
/* The TSC value at timer_system_init: time 0 of timer_now_ms and of the time page. */
uint64_t timer_tsc_base(void);
/* Milliseconds since timer_system_init, never going backwards on any CPU. */
uint64_t timer_now_ms(void);

/* Starts this CPU's timer interrupts: a scheduler tick hz times a second, and
 * an interrupt at each timer deadline in between (one-shot LAPIC timer). */
void timer_start_cpu(unsigned hz);
/* In the timer interrupt (interrupts disabled): whether this one is also a
 * scheduler tick (then sched_tick runs the timers), after which
 * timer_interrupt_rearm sets the next interrupt. */
bool timer_interrupt_tick_due(void);
void timer_interrupt_rearm(void);
/* The deadline for a wait of timeout_ms from now, rounded so that the wait is
 * never shorter than timeout_ms (timer_now_ms truncates). */
uint64_t timer_deadline_after_ms(uint64_t timeout_ms);

/* Arms timer to call expire(timer) once timer_now_ms() >= deadline_ms (the
 * interrupt is set for that moment: late by the interrupt latency, not by a
 * tick). Re-arming a pending timer moves its deadline. expire runs
 * with interrupts disabled in the tick of some CPU: it must not sleep, and
 * must not take a lock that its arming thread holds while calling timer_cancel.
 * It may re-arm its own timer, or free the object holding it. */
void timer_arm(struct timer *timer, uint64_t deadline_ms, void (*expire)(struct timer *timer));
/* Disarms timer. Returns true if it was pending (its callback had not started
 * and now never will); false if it was idle or its callback had started.
 * Guarantee: when timer_cancel returns, the callback is not running on any
 * other CPU and will not run again unless the timer is re-armed: it waits for
 * an expiry in progress elsewhere. From inside the timer's own callback it
 * does not wait (it only disarms a re-arming). Never call it while holding a
 * lock that the callback takes: that would deadlock. */
bool timer_cancel(struct timer *timer);
/* Runs the callbacks of due timers; the scheduler tick calls it, interrupts disabled. */
void timer_tick(void);

#endif
