/* Threads (see thread.h): creation from the thread and kernel-stack zones,
 * exit through the scheduler, reaping once the thread is off every CPU. */
#include "kern/thread.h"
#include "kern/cpu.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/zone.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/thread_arch.h"
#include "arch/x86_64/fpu.h"
#include "dev/console.h"

#define THREAD_LIMIT 4096

bool (*thread_create_hook)(struct thread *thread);
void (*thread_end_hook)(struct thread *thread);

static struct zone thread_zone;
static struct zone kernel_stack_zone;
static uint64_t next_thread_id = 1;
static struct thread boot_threads[MAX_CPUS];

void thread_system_init(void)
{
	zone_init(&thread_zone, "thread", sizeof(struct thread), THREAD_LIMIT);
	zone_init(&kernel_stack_zone, "kernel stack", KERNEL_STACK_SIZE, THREAD_LIMIT);
}

static struct thread *thread_allocate(int priority)
{
	struct thread *thread = zone_alloc(&thread_zone);
	if (!thread)
		return NULL;
	thread->kernel_stack = zone_alloc(&kernel_stack_zone);
	if (!thread->kernel_stack) {
		zone_free(&thread_zone, thread);
		return NULL;
	}
	thread->id = __atomic_fetch_add(&next_thread_id, 1, __ATOMIC_RELAXED);
	thread->lock = (spinlock_t)SPINLOCK_INIT;
	thread->state = THREAD_WAITING; /* until thread_start */
	thread->priority = priority;
	thread->last_cpu = this_cpu()->index;
	thread->references = 1;
	thread->suspend_queue = (struct wait_queue)WAIT_QUEUE_INIT;
	runqueue_link_init(&thread->run_link);
	return thread;
}

struct thread *thread_create_kernel(void (*entry)(void *), void *argument, int priority)
{
	struct thread *thread = thread_allocate(priority);
	if (thread)
		thread_arch_prepare_kernel(thread, entry, argument);
	return thread;
}

struct thread *thread_create_user(struct task *task, uint64_t rip, uint64_t rsp, uint64_t argument)
{
	struct thread *thread = thread_allocate(THREAD_PRIORITY_USER);
	if (!thread)
		return NULL;
	thread->fpu_state = fpu_state_alloc();
	if (!thread->fpu_state) {
		zone_free(&kernel_stack_zone, thread->kernel_stack);
		zone_free(&thread_zone, thread);
		return NULL;
	}
	thread_arch_prepare_user(thread, rip, rsp, argument);
	bool hooked = !thread_create_hook || thread_create_hook(thread);
	irq_state_t state = spin_lock_irqsave(&task->lock);
	if (task->terminating || !hooked) {
		spin_unlock_irqrestore(&task->lock, state);
		if (hooked && thread_end_hook)
			thread_end_hook(thread);
		fpu_state_free(thread->fpu_state);
		zone_free(&kernel_stack_zone, thread->kernel_stack);
		zone_free(&thread_zone, thread);
		return NULL;
	}
	thread->task = task;
	thread->task_next = task->threads;
	task->threads = thread;
	task->thread_count++;
	spin_unlock_irqrestore(&task->lock, state);
	return thread;
}

void thread_start(struct thread *thread)
{
	sched_wakeup(thread);
}

struct thread *thread_adopt_boot_context(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *thread = &boot_threads[cpu->index];
	thread->id = 0;
	thread->lock = (spinlock_t)SPINLOCK_INIT;
	thread->state = THREAD_RUNNABLE;
	thread->on_cpu = true;
	thread->priority = RUNQUEUE_PRIORITIES; /* below every real priority */
	thread->last_cpu = cpu->index;
	/* It runs on its CPU's boot stack and never in user mode, so it needs no
	 * kernel_stack of its own for the TSS. */
	thread->kernel_stack = NULL;
	runqueue_link_init(&thread->run_link);
	cpu->idle_thread = thread;
	cpu->current = thread;
	return thread;
}

_Noreturn void thread_exit(void)
{
	interrupts_disable();
	struct thread *self = current_thread();
	spin_lock(&self->lock);
	self->state = THREAD_TERMINATED;
	spin_unlock(&self->lock);
	schedule();
	panic("thread %lu ran after it exited", (unsigned long)self->id);
}

void thread_reap(struct thread *thread)
{
	struct task *task = thread->task;
	if (task) {
		irq_state_t state = spin_lock_irqsave(&task->lock);
		struct thread **link = &task->threads;
		while (*link && *link != thread)
			link = &(*link)->task_next;
		if (*link)
			*link = thread->task_next;
		spin_unlock_irqrestore(&task->lock, state);
	}
	if (thread->fpu_state)
		fpu_state_free(thread->fpu_state);
	thread->fpu_state = NULL;
	zone_free(&kernel_stack_zone, thread->kernel_stack);
	thread->kernel_stack = NULL;
	if (thread_end_hook)
		thread_end_hook(thread);
	thread_release(thread);
	if (task)
		task_thread_gone(task);
}

void thread_reference(struct thread *thread)
{
	__atomic_add_fetch(&thread->references, 1, __ATOMIC_ACQ_REL);
}

void thread_release(struct thread *thread)
{
	if (__atomic_sub_fetch(&thread->references, 1, __ATOMIC_ACQ_REL) == 0)
		zone_free(&thread_zone, thread);
}

void thread_interrupt_wait(struct thread *thread)
{
	wait_queue_interrupt(thread);
	if (__atomic_load_n(&thread->interruptible_sleep, __ATOMIC_ACQUIRE)) {
		thread->wait_interrupted = true;
		sched_wakeup(thread);
	}
}

void thread_nudge(struct thread *thread)
{
	irq_state_t state = spin_lock_irqsave(&thread->lock);
	bool running_elsewhere = thread->on_cpu && thread->last_cpu != this_cpu()->index;
	unsigned where = thread->last_cpu;
	spin_unlock_irqrestore(&thread->lock, state);
	if (running_elsewhere)
		lapic_send_ipi(cpus[where].apic_id, VECTOR_RESCHEDULE);
}

void thread_request_termination(struct thread *thread)
{
	thread->terminate_requested = true;
	thread_interrupt_wait(thread);
	thread_nudge(thread);
}
