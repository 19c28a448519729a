/* The scheduler: per-CPU priority run queues, round-robin within a priority,
 * preemption on the timer tick, idle CPUs stealing work from busy ones. */
#ifndef WB_KERN_SCHED_H
#define WB_KERN_SCHED_H

#include <stdbool.h>

struct thread;
struct cpu;

#define SCHED_HZ      100 /* timer ticks per second */
#define SCHED_QUANTUM 2   /* ticks a thread runs before others of its priority */

void sched_init_cpu(struct cpu *cpu);
/* Picks the next thread for this CPU and switches to it if it is not the current one. */
void schedule(void);
/* Puts a runnable, switched-out thread on a run queue and pokes that CPU. */
void sched_enqueue(struct thread *thread);
/* Wakes a waiting thread (state under its lock); no effect on others. */
void sched_wakeup(struct thread *thread);
/* A hint for a synchronous hand-over (IPC): if thread waits on another CPU's
 * run queue, it moves to the front of this CPU's, to run as soon as the caller
 * blocks. */
void sched_pull_here(struct thread *thread);
void sched_tick(void);
void sched_yield(void);
/* Runs on every CPU after boot: the idle loop. */
_Noreturn void sched_idle_loop(void);
/* Before returning to user mode: preempt, or exit a terminated thread. */
void sched_return_to_user_checks(void);

#endif
