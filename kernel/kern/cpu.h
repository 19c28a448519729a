/* Per-CPU data: reached through %gs in the kernel. The first fields are read
 * by assembly (entry.S) at fixed offsets; keep them in this order. */
#ifndef WB_KERN_CPU_H
#define WB_KERN_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "kern/runqueue.h"
#include "kern/spinlock.h"
#include "arch/x86_64/cpu_arch.h"

#define MAX_CPUS 16

struct thread;

struct cpu {
	struct cpu *self;          /* %gs:0 */
	uint64_t kernel_stack_top; /* %gs:8: the syscall entry's stack */
	uint64_t user_rsp_scratch; /* %gs:16 */
	struct thread *current;    /* %gs:24 */
	unsigned index;            /* 0 .. cpu_count-1; 0 is the boot CPU */
	uint32_t apic_id;
	struct thread *idle_thread;
	spinlock_t runqueue_lock;
	struct runqueue runqueue;
	volatile bool need_resched;
	volatile bool online;
	unsigned quantum_left;
	uint64_t ticks;
	uint64_t idle_ticks;
	uint64_t next_tick_tsc;      /* when the next scheduler tick is due (kern/timer.c) */
	uint64_t timer_fires_at_tsc; /* what the one-shot LAPIC timer is set for; 0: not started */
	struct cpu_arch arch;
};

#define CPU_OFFSET_KERNEL_STACK 8
#define CPU_OFFSET_USER_RSP     16

extern struct cpu cpus[MAX_CPUS];
extern unsigned cpu_count; /* CPUs started */

static inline struct cpu *this_cpu(void)
{
	struct cpu *cpu;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

static inline struct thread *current_thread(void)
{
	struct thread *thread;
	__asm__ volatile("mov %%gs:24, %0" : "=r"(thread));
	return thread;
}

#endif
