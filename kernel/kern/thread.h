/* Threads: a kernel stack, scheduling state, and (for user threads) the saved
 * user registers at the top of that stack. */
#ifndef WB_KERN_THREAD_H
#define WB_KERN_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include "kern/runqueue.h"
#include "kern/spinlock.h"
#include "kern/wait_queue.h"

struct task;
struct ipc_port;
struct ipc_thread;
struct trap_frame;

enum thread_state {
	THREAD_RUNNABLE,   /* running or on a run queue */
	THREAD_WAITING,    /* asleep on a wait queue */
	THREAD_TERMINATED, /* exited; reaped once off its CPU */
};

#define THREAD_PRIORITY_KERNEL  8
#define THREAD_PRIORITY_USER    16
#define THREAD_PRIORITY_LOWEST  (RUNQUEUE_PRIORITIES - 1)

struct thread {
	uint64_t saved_rsp; /* kernel stack pointer while switched out */
	void *kernel_stack;
	uint64_t id;
	struct task *task;
	struct thread *task_next; /* the task's thread list */
	spinlock_t lock;          /* state, on_cpu */
	enum thread_state state;
	volatile bool on_cpu;     /* its registers are live on some CPU */
	volatile bool terminate_requested;
	int priority;
	unsigned last_cpu;
	unsigned queued_cpu; /* the run queue it was last put on (sched.c) */
	struct runqueue_link run_link;
	/* wait-queue membership, under the queue's lock */
	struct wait_queue *waiting_on;
	struct thread *wait_next;
	enum wait_result wait_result;
	uint64_t cpu_time_ticks;
	void *fpu_state; /* user threads: x87/SSE/AVX registers while switched out */
	/* User threads: the FS and GS bases of user mode (i386_FSGS_BASE_STATE), 0 at
	 * creation; loaded on switch-in (arch/x86_64/segment_bases.c). */
	uint64_t user_fs_base;
	uint64_t user_gs_base;
	unsigned references; /* one while the thread lives, one per holder (ports, RPCs) */
	/* Suspension (thread_suspend/resume), under suspend_queue.lock: a thread
	 * with a positive count parks at its next return towards user mode (or at
	 * its next system call) and says so in stopped. Those waiting for it to stop
	 * sleep on the same queue. */
	struct wait_queue suspend_queue;
	unsigned suspend_count;
	bool stopped;
	/* A sleep outside wait queues (IPC): woken by thread_interrupt_wait too. */
	volatile bool interruptible_sleep;
	volatile bool wait_interrupted;
	struct ipc_thread *ipc;          /* IPC state (kernel/ipc), user threads */
	struct ipc_port *self_port;      /* the thread's kernel port (receive right held by the kernel) */
	struct ipc_port *exception_port; /* a send right, or NULL */
	uint64_t fault_address;          /* of its last user page fault (cr2) */
	int fault_result;                /* vm_fault's answer to it (a kern_return_t) */
};

void thread_system_init(void);
/* A kernel thread running entry(argument); it must end with thread_exit(). */
struct thread *thread_create_kernel(void (*entry)(void *), void *argument, int priority);
/* A user thread of task, starting at rip with stack pointer rsp and rdi = argument.
 * Not runnable until thread_start. NULL when a limit or memory is reached. */
struct thread *thread_create_user(struct task *task, uint64_t rip, uint64_t rsp, uint64_t argument);
void thread_start(struct thread *thread);
/* The boot context of a CPU becomes its idle thread. */
struct thread *thread_adopt_boot_context(void);
_Noreturn void thread_exit(void);
/* Called by the scheduler once the dead thread is off its CPU. */
void thread_reap(struct thread *thread);
/* Asks thread to terminate at its next return towards user mode. */
void thread_request_termination(struct thread *thread);
/* Makes a thread running on another CPU enter the kernel soon (an IPI), so
 * that it notices a request at its next return towards user mode. */
void thread_nudge(struct thread *thread);
/* Takes thread out of whatever kernel sleep it is in, which then reports an
 * interruption (thread_abort, termination). */
void thread_interrupt_wait(struct thread *thread);

/* Hooks the Mach layer (kserver/) sets: a user thread's port and IPC state are
 * made at creation (a failing hook fails it) and destroyed when it is reaped. */
extern bool (*thread_create_hook)(struct thread *thread);
extern void (*thread_end_hook)(struct thread *thread);

void thread_reference(struct thread *thread);
void thread_release(struct thread *thread);
/* Suspension counts, as thread_suspend/thread_resume: KERN_TERMINATED for a
 * thread that ended, KERN_FAILURE when resuming a thread that is not suspended. */
int thread_hold(struct thread *thread);
int thread_release_hold(struct thread *thread);
/* Waits until a held thread has stopped (or is asleep in the kernel), so that
 * its saved user registers are stable. False if it ended or the wait was
 * interrupted. */
bool thread_wait_until_stopped(struct thread *thread);
/* The scheduler, once a thread that went to sleep is off its CPU: if it is held,
 * those waiting for it to stop are woken (asleep in the kernel counts as
 * stopped; without this they would wait for a stop point it may never reach
 * while it sleeps, say for the reply of an exception handler that is waiting
 * for them). */
void thread_note_asleep(struct thread *thread);
/* Called on the way to user mode and at system-call entry: parks a held thread. */
void thread_stop_point(void);

#endif
