/* Kernel timers (see timer.h): the clock is the TSC scaled by its calibrated
 * rate; pending timers sit in one sorted list under one lock, and each CPU that
 * is running an expiry records it so timer_cancel can wait for it to finish.
 * Each CPU's LAPIC timer is one-shot, set for its next scheduler tick or the
 * earliest deadline, whichever comes first. */
#include "kern/timer.h"
#include "kern/cpu.h"
#include "kern/spinlock.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/lapic.h"
#include <stddef.h>

/* Callbacks run per tick at most: a callback re-arming itself in the past
 * cannot hold a CPU in the tick forever. */
#define TIMER_EXPIRIES_PER_TICK 256

/* An expiry in progress, on the stack of the CPU running it. */
struct timer_expiry {
	struct timer *timer;
	struct cpu *cpu;
	struct timer_expiry *next;
};

static uint64_t tsc_base, tsc_per_ms, tsc_per_tick;
static uint64_t latest_now_ms; /* the greatest time returned: keeps the clock monotonic */

static spinlock_t timers_lock = SPINLOCK_INIT;
static struct timer *first_pending;             /* under timers_lock */
static struct timer_expiry *expiries;           /* under timers_lock */
static uint64_t earliest_deadline = UINT64_MAX; /* first_pending's deadline, read unlocked */

void timer_system_init(void)
{
	tsc_base = rdtsc();
	__atomic_store_n(&tsc_per_ms, tsc_hz() / 1000, __ATOMIC_RELEASE);
}

uint64_t timer_tsc_base(void)
{
	return tsc_base;
}

uint64_t timer_now_ms(void)
{
	uint64_t per_ms = __atomic_load_n(&tsc_per_ms, __ATOMIC_ACQUIRE);
	if (per_ms == 0)
		return 0;
	uint64_t tsc = rdtsc();
	/* Another CPU's TSC may lag the boot CPU's slightly. */
	uint64_t now = tsc > tsc_base ? (tsc - tsc_base) / per_ms : 0;
	uint64_t latest = __atomic_load_n(&latest_now_ms, __ATOMIC_RELAXED);
	while (now > latest) {
		if (__atomic_compare_exchange_n(&latest_now_ms, &latest, now, true,
		                                __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return now;
	}
	return latest;
}

/* Sets this CPU's one-shot timer for its next tick or the earliest deadline.
 * Interrupts disabled. */
static void program_this_cpu(struct cpu *cpu)
{
	uint64_t fire_at = cpu->next_tick_tsc;
	uint64_t earliest = __atomic_load_n(&earliest_deadline, __ATOMIC_ACQUIRE);
	uint64_t per_ms = __atomic_load_n(&tsc_per_ms, __ATOMIC_ACQUIRE);
	if (earliest != UINT64_MAX && per_ms && earliest < (UINT64_MAX - tsc_base) / per_ms) {
		uint64_t deadline_tsc = tsc_base + earliest * per_ms;
		if (deadline_tsc < fire_at)
			fire_at = deadline_tsc;
	}
	cpu->timer_fires_at_tsc = fire_at;
	uint64_t now = rdtsc();
	lapic_timer_oneshot_in(fire_at > now ? fire_at - now : 0);
}

void timer_start_cpu(unsigned hz)
{
	irq_state_t state = irq_save_disable();
	struct cpu *cpu = this_cpu();
	if (!tsc_per_tick)
		tsc_per_tick = tsc_hz() / hz;
	cpu->next_tick_tsc = rdtsc() + tsc_per_tick;
	program_this_cpu(cpu);
	irq_restore(state);
}

bool timer_interrupt_tick_due(void)
{
	struct cpu *cpu = this_cpu();
	uint64_t now = rdtsc();
	if (now < cpu->next_tick_tsc)
		return false;
	cpu->next_tick_tsc += tsc_per_tick;
	if (cpu->next_tick_tsc <= now) /* ticks were missed: count one, start again from now */
		cpu->next_tick_tsc = now + tsc_per_tick;
	return true;
}

void timer_interrupt_rearm(void)
{
	program_this_cpu(this_cpu());
}

uint64_t timer_deadline_after_ms(uint64_t timeout_ms)
{
	uint64_t now = timer_now_ms();
	return timeout_ms > UINT64_MAX - now - 1 ? UINT64_MAX : now + timeout_ms + 1;
}

static void publish_earliest(void)
{
	uint64_t earliest = first_pending ? first_pending->deadline_ms : UINT64_MAX;
	__atomic_store_n(&earliest_deadline, earliest, __ATOMIC_RELEASE);
}

static void pending_remove(struct timer *timer)
{
	if (timer->prev)
		timer->prev->next = timer->next;
	else
		first_pending = timer->next;
	if (timer->next)
		timer->next->prev = timer->prev;
	timer->next = timer->prev = NULL;
	timer->pending = false;
}

/* After every timer with a deadline not later than this one's: equal deadlines fire in order. */
static void pending_insert(struct timer *timer)
{
	struct timer *before = NULL, *after = first_pending;
	while (after && after->deadline_ms <= timer->deadline_ms) {
		before = after;
		after = after->next;
	}
	timer->prev = before;
	timer->next = after;
	if (before)
		before->next = timer;
	else
		first_pending = timer;
	if (after)
		after->prev = timer;
	timer->pending = true;
}

void timer_arm(struct timer *timer, uint64_t deadline_ms, void (*expire)(struct timer *timer))
{
	irq_state_t state = spin_lock_irqsave(&timers_lock);
	if (timer->pending)
		pending_remove(timer);
	timer->deadline_ms = deadline_ms;
	timer->expire = expire;
	pending_insert(timer);
	publish_earliest();
	/* A deadline before this CPU's next interrupt moves the interrupt. Other
	 * CPUs see it at their next tick at the latest; this CPU's is the one the
	 * sleeper that armed the timer usually leaves idle or busy soonest. */
	struct cpu *cpu = this_cpu();
	uint64_t per_ms = __atomic_load_n(&tsc_per_ms, __ATOMIC_ACQUIRE);
	if (cpu->timer_fires_at_tsc && per_ms &&
	    deadline_ms < (cpu->timer_fires_at_tsc - tsc_base) / per_ms)
		program_this_cpu(cpu);
	spin_unlock_irqrestore(&timers_lock, state);
}

/* The CPU running timer's callback, or NULL. Under timers_lock. */
static struct cpu *expiry_cpu(const struct timer *timer)
{
	for (struct timer_expiry *expiry = expiries; expiry; expiry = expiry->next) {
		if (expiry->timer == timer)
			return expiry->cpu;
	}
	return NULL;
}

bool timer_cancel(struct timer *timer)
{
	irq_state_t state = spin_lock_irqsave(&timers_lock);
	bool was_pending = timer->pending;
	for (;;) {
		if (timer->pending) { /* first arming, or a re-arming by the callback */
			pending_remove(timer);
			publish_earliest();
		}
		struct cpu *running_on = expiry_cpu(timer);
		if (!running_on || running_on == this_cpu())
			break;
		spin_unlock_irqrestore(&timers_lock, state);
		spin_pause();
		state = spin_lock_irqsave(&timers_lock);
	}
	spin_unlock_irqrestore(&timers_lock, state);
	return was_pending;
}

void timer_tick(void)
{
	uint64_t now = timer_now_ms();
	if (__atomic_load_n(&earliest_deadline, __ATOMIC_ACQUIRE) > now)
		return;
	struct timer_expiry expiry = {NULL, this_cpu(), NULL};
	irq_state_t state = spin_lock_irqsave(&timers_lock);
	for (unsigned count = 0; count < TIMER_EXPIRIES_PER_TICK; count++) {
		struct timer *timer = first_pending;
		if (!timer || timer->deadline_ms > now)
			break;
		pending_remove(timer);
		publish_earliest();
		void (*expire)(struct timer *) = timer->expire;
		expiry.timer = timer;
		expiry.next = expiries;
		expiries = &expiry;
		spin_unlock(&timers_lock);
		expire(timer); /* may free timer: it is not touched again */
		spin_lock(&timers_lock);
		for (struct timer_expiry **link = &expiries; *link; link = &(*link)->next) {
			if (*link == &expiry) {
				*link = expiry.next;
				break;
			}
		}
	}
	spin_unlock_irqrestore(&timers_lock, state);
}
