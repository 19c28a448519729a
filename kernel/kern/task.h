/* Tasks: an address space and a set of threads. A task ends when its last thread
 * does; its creator may wait for it and learns how it ended. */
#ifndef WB_KERN_TASK_H
#define WB_KERN_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/io_bitmap.h"
#include "arch/x86_64/pmap.h"
#include "kern/spinlock.h"
#include "kern/wait_queue.h"

struct thread;
struct ipc_space;
struct ipc_port;
struct vm_map;

/* How a task ended, as the wait trap reports it: exit status in the low byte,
 * or TASK_STATUS_FAULTED | the CPU exception vector when the kernel killed it. */
#define TASK_STATUS_FAULTED 0x100
#define TASK_STATUS_BAD_SYSCALL (TASK_STATUS_FAULTED | 0xff)

struct task {
	uint64_t id;
	char name[32];
	struct address_space space;
	struct vm_map *map;          /* its address map (vm/vm_map.h); space caches it */
	spinlock_t lock; /* threads, thread_count, terminating */
	struct thread *threads;
	unsigned thread_count;
	bool terminating;
	bool end_started; /* task_end has run or is running */
	bool is_bootstrap; /* its end is the system's end: power off */
	int exit_status;
	unsigned references; /* one for being alive, one held by a waiting parent */
	/* under task_tree_lock */
	struct task *parent;
	struct task *children, *sibling;
	bool ended;
	struct wait_queue ended_waiters;
	/* Mach: the task's port name space and ports (kernel/ipc, kserver/). */
	struct ipc_space *ipc_space;
	struct ipc_port *self_port;      /* kernel object port; receive right held by the kernel */
	struct ipc_port *bootstrap_port; /* send rights, or NULL */
	struct ipc_port *exception_port;
	unsigned suspend_count;          /* task_suspend/task_resume, under lock */
	bool essential;                  /* task_set_essential: its end is a system failure */
	/* Mach 3's emulation vector (D4): entry points for system calls
	 * emulation_start .. emulation_start + emulation_count - 1, under lock. */
	uint64_t *emulation_vector;
	int emulation_start;
	unsigned emulation_count;
	/* The I/O ports its threads may use directly (i386_io_perm_modify). */
	struct io_grants io_grants;
};

void task_system_init(void);
/* A new empty task (no threads) named name, made by parent (whose Mach state
 * it inherits); the one task created without a parent is the bootstrap task.
 * A waitable task (one the boot trap wb_task_spawn starts) is also parent's
 * child for task_wait_child: parent keeps a reference to it (its struct, not
 * its memory, which goes when it ends) until it has waited or ends itself.
 * Mach's task_create makes tasks that are not waitable: nothing but their
 * threads and ports keeps them. */
struct task *task_create_child(struct task *parent, const char *name, bool waitable);
/* Ends every thread of task; the task ends with status when the last one goes. */
void task_terminate_with_status(struct task *task, int status);
/* Called when a thread of task is reaped. */
void task_thread_gone(struct task *task);
/* Waits for the child with id child_id of parent to end; its status in *status.
 * Returns false if parent has no such child (already waited for, or never). */
bool task_wait_child(struct task *parent, uint64_t child_id, int *status, bool *interrupted);
void task_reference(struct task *task);
void task_release(struct task *task);
/* Hooks the Mach layer (kserver/) sets: a task's ports are made when it is
 * created and destroyed when it ends. A failing creation hook fails the creation. */
extern bool (*task_create_hook)(struct task *task, struct task *parent);
extern void (*task_end_hook)(struct task *task);
/* Frees a task that never had a thread and was never visible to user space. */
void task_discard(struct task *task);

#endif
