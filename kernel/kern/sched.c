/* The scheduler (see sched.h). A thread is on at most one run queue, and only
 * while not on a CPU: a switched-out runnable thread is queued by the CPU that
 * switched it out (sched_finish_switch), a woken one by its waker. */
#include "kern/sched.h"
#include "kern/cpu.h"
#include "kern/thread.h"
#include "kern/task.h"
#include "kern/timer.h"
#include "kern/time_page.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "arch/x86_64/segment_bases.h"
#include "dev/console.h"
#include <stddef.h>

struct cpu cpus[MAX_CPUS];
unsigned cpu_count;

struct thread *switch_context(uint64_t *save_rsp, uint64_t new_rsp, struct thread *previous);
void sched_finish_switch(struct thread *previous);

#define THREAD_OF(link) ((struct thread *)((char *)(link)-offsetof(struct thread, run_link)))

void sched_init_cpu(struct cpu *cpu)
{
	runqueue_init(&cpu->runqueue);
	cpu->runqueue_lock = (spinlock_t)SPINLOCK_INIT;
	cpu->quantum_left = SCHED_QUANTUM;
}

static bool cpu_is_idle(const struct cpu *cpu)
{
	return cpu->current == cpu->idle_thread && cpu->runqueue.count == 0;
}

static struct cpu *choose_cpu(const struct thread *thread)
{
	unsigned count = __atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE);
	struct cpu *preferred = &cpus[thread->last_cpu < count ? thread->last_cpu : 0];
	if (cpu_is_idle(preferred))
		return preferred;
	struct cpu *best = preferred;
	unsigned best_load = preferred->runqueue.count + 1;
	for (unsigned i = 0; i < count; i++) {
		struct cpu *cpu = &cpus[i];
		if (!cpu->online)
			continue;
		unsigned load = cpu->runqueue.count + (cpu->current != cpu->idle_thread);
		if (load < best_load) {
			best = cpu;
			best_load = load;
		}
	}
	return best;
}

static void poke(struct cpu *cpu, int priority)
{
	struct thread *running = cpu->current;
	if (running != cpu->idle_thread && running->priority <= priority)
		return;
	if (cpu == this_cpu())
		cpu->need_resched = true;
	else
		lapic_send_ipi(cpu->apic_id, VECTOR_RESCHEDULE);
}

static void enqueue_on(struct cpu *cpu, struct thread *thread)
{
	spin_lock(&cpu->runqueue_lock);
	/* Published before the insertion, which sets run_link.priority: whoever
	 * sees the link queued (sched_pull_here) sees on which CPU. */
	__atomic_store_n(&thread->queued_cpu, cpu->index, __ATOMIC_RELEASE);
	runqueue_insert(&cpu->runqueue, &thread->run_link, thread->priority, false);
	spin_unlock(&cpu->runqueue_lock);
}

void sched_pull_here(struct thread *thread)
{
	irq_state_t state = irq_save_disable();
	struct cpu *here = this_cpu();
	unsigned where = __atomic_load_n(&thread->queued_cpu, __ATOMIC_ACQUIRE);
	if (where >= cpu_count || where == here->index) {
		irq_restore(state);
		return;
	}
	struct cpu *there = &cpus[where];
	/* Never block on another CPU's queue: this is only a hint. */
	if (!spin_trylock(&there->runqueue_lock)) {
		irq_restore(state);
		return;
	}
	bool queued_there = __atomic_load_n(&thread->run_link.priority, __ATOMIC_ACQUIRE) >= 0 &&
	                    __atomic_load_n(&thread->queued_cpu, __ATOMIC_ACQUIRE) == where;
	if (queued_there)
		runqueue_remove(&there->runqueue, &thread->run_link);
	spin_unlock(&there->runqueue_lock);
	if (queued_there) {
		spin_lock(&here->runqueue_lock);
		__atomic_store_n(&thread->queued_cpu, here->index, __ATOMIC_RELEASE);
		runqueue_insert(&here->runqueue, &thread->run_link, thread->priority, true);
		spin_unlock(&here->runqueue_lock);
		here->need_resched = true;
	}
	irq_restore(state);
}

void sched_enqueue(struct thread *thread)
{
	irq_state_t state = irq_save_disable();
	struct cpu *cpu = choose_cpu(thread);
	enqueue_on(cpu, thread);
	poke(cpu, thread->priority);
	irq_restore(state);
}

void sched_wakeup(struct thread *thread)
{
	irq_state_t state = spin_lock_irqsave(&thread->lock);
	if (thread->state != THREAD_WAITING) {
		spin_unlock_irqrestore(&thread->lock, state);
		return;
	}
	thread->state = THREAD_RUNNABLE;
	bool needs_queue = !thread->on_cpu;
	spin_unlock_irqrestore(&thread->lock, state);
	if (needs_queue)
		sched_enqueue(thread);
}

/* Takes a thread from another CPU's queue; never blocks on a busy queue. */
static struct thread *steal_work(struct cpu *self, int no_worse_than)
{
	for (unsigned i = 0; i < cpu_count; i++) {
		struct cpu *other = &cpus[i];
		if (other == self || other->runqueue.count == 0 ||
		    !spin_trylock(&other->runqueue_lock))
			continue;
		struct runqueue_link *link = runqueue_pop_best(&other->runqueue, no_worse_than);
		spin_unlock(&other->runqueue_lock);
		if (link)
			return THREAD_OF(link);
	}
	return NULL;
}

static void switch_to(struct cpu *cpu, struct thread *previous, struct thread *next)
{
	spin_lock(&next->lock);
	next->on_cpu = true;
	next->last_cpu = cpu->index;
	spin_unlock(&next->lock);
	if (previous->fpu_state)
		fpu_save(previous->fpu_state);
	if (next->fpu_state)
		fpu_restore(next->fpu_state);
	segment_bases_switch(cpu, previous, next);
	if (next->task) /* kernel threads never run user code: the bitmap can wait */
		io_bitmap_switch(cpu, &next->task->io_grants);
	cpu->current = next;
	cpu->quantum_left = SCHED_QUANTUM;
	pmap_activate(next->task ? &next->task->space : NULL);
	if (next->kernel_stack)
		cpu_arch_set_kernel_stack(cpu, (uint64_t)next->kernel_stack + KERNEL_STACK_SIZE);
	struct thread *switched_out =
	    switch_context(&previous->saved_rsp, next->saved_rsp, previous);
	sched_finish_switch(switched_out);
}

void schedule(void)
{
	irq_state_t state = irq_save_disable();
	struct cpu *cpu = this_cpu();
	struct thread *current = cpu->current;
	cpu->need_resched = false;
	bool keep = false;
	if (current != cpu->idle_thread) {
		spin_lock(&current->lock);
		keep = current->state == THREAD_RUNNABLE;
		spin_unlock(&current->lock);
	}
	int limit = keep ? current->priority : THREAD_PRIORITY_LOWEST;
	spin_lock(&cpu->runqueue_lock);
	struct runqueue_link *link = runqueue_pop_best(&cpu->runqueue, limit);
	spin_unlock(&cpu->runqueue_lock);
	struct thread *next = link ? THREAD_OF(link) : steal_work(cpu, limit);
	if (!next)
		next = keep ? current : cpu->idle_thread;
	if (next != current)
		switch_to(cpu, current, next);
	else if (current->task)
		/* It went to sleep and was woken before it left the CPU: a holder may
		 * have changed its FS/GS bases meanwhile (thread_set_state counts a
		 * thread asleep as stopped), and no switch-in loads them. */
		segment_bases_switch(cpu, current, current);
	irq_restore(state);
}

void sched_finish_switch(struct thread *previous)
{
	struct cpu *cpu = this_cpu();
	if (previous == cpu->idle_thread) {
		previous->on_cpu = false;
		return;
	}
	spin_lock(&previous->lock);
	previous->on_cpu = false;
	enum thread_state state = previous->state;
	/* Held and now asleep: referenced, since it may be woken (and end) while
	 * its holders are told (the lock orders this read after the holder's count). */
	bool held_asleep = state == THREAD_WAITING &&
	                   __atomic_load_n(&previous->suspend_count, __ATOMIC_RELAXED) > 0;
	if (held_asleep)
		thread_reference(previous);
	spin_unlock(&previous->lock);
	if (state == THREAD_RUNNABLE) {
		enqueue_on(cpu, previous);
	} else if (state == THREAD_TERMINATED) {
		thread_reap(previous);
	} else if (held_asleep) {
		thread_note_asleep(previous);
		thread_release(previous);
	}
}

void sched_tick(void)
{
	struct cpu *cpu = this_cpu();
	cpu->ticks++;
	if (cpu->index == 0)
		time_page_tick();
	timer_tick();
	struct thread *current = cpu->current;
	if (current == cpu->idle_thread) {
		cpu->idle_ticks++;
		return;
	}
	current->cpu_time_ticks++;
	if (--cpu->quantum_left == 0) {
		cpu->quantum_left = SCHED_QUANTUM;
		cpu->need_resched = true;
	}
}

void sched_yield(void)
{
	schedule();
}

_Noreturn void sched_idle_loop(void)
{
	for (;;) {
		interrupts_disable();
		struct cpu *cpu = this_cpu();
		if (cpu->need_resched || cpu->runqueue.count > 0) {
			schedule();
			continue;
		}
		/* Look for work elsewhere before sleeping; the timer wakes us to look again. */
		struct thread *stolen = steal_work(cpu, THREAD_PRIORITY_LOWEST);
		if (stolen) {
			enqueue_on(cpu, stolen);
			continue;
		}
		cpu_halt_until_interrupt();
	}
}

void sched_return_to_user_checks(void)
{
	for (;;) {
		struct thread *thread = current_thread();
		if (thread->terminate_requested)
			thread_exit();
		if (thread->suspend_count > 0 && thread->task) {
			thread_stop_point();
			interrupts_disable();
			continue;
		}
		if (!this_cpu()->need_resched)
			return;
		schedule();
	}
}
