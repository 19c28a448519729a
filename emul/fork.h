/* A new process made by fork, vfork or clone without CLONE_VM (fork.c, the
 * parent's half; fork_ports.c, the rights; fork_child.c, the child's start),
 * and the hooks the child calls in the files that keep per-task state. */
#ifndef EMUL_FORK_H
#define EMUL_FORK_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include "emul.h"

/* What clone or clone3 asked for (stack_pointer 0: the caller's own). */
struct emul_fork_request {
	uint64_t flags, stack_pointer, parent_tid, child_tid, tls;
};

/* The flags a process clone may carry (fork.c checks them): the exit signal,
 * the tid words, a TLS, and CLONE_VM only together with CLONE_VFORK (glibc's
 * posix_spawn), which makes a copy-on-write child all the same. */
long emul_fork_process(struct emul_frame *frame, const struct emul_fork_request *request);
/* True in a process made by fork (its end is reported to proc only). */
bool emul_fork_is_child(void);
/* The child's first step (fork.c): marks it a child and releases the locks
 * the parent held when its memory was copied. */
void emul_fork_child_begin(void);

/* The parent's half (fork_ports.c): copies every send right and dead name of
 * this task into child under the same name (with its user references), except
 * the names in skip[]; receive, send-once rights and port sets stay. */
kern_return_t emul_fork_copy_rights(mach_port_t child, const mach_port_t *skip, int skip_count);
/* Puts the send right `right` (a name in this task) into child under name,
 * with references user references: a COPY_SEND, then mod_refs. */
kern_return_t emul_fork_give_right(mach_port_t child, mach_port_t name, mach_port_t right,
                                   uint32_t references);

/* What the child's first thread finds in its copy of the parent's memory
 * (fork.c fills it in before task_create): the registers and FPU state to
 * resume the program with (the parent's at its syscall, rax 0), and what the
 * clone asked for. */
struct emul_fork_start {
	struct emul_signal_context context; /* 16-byte aligned (FXSAVE image first) */
	uint64_t flags;
	uint64_t child_tid; /* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID's word */
	uint64_t fs_base;   /* the TLS: CLONE_SETTLS's, or the forking thread's */
};

/* The child's start (fork_child.c): on the emulator's fork stack, GS on the
 * block of the thread that forked, FS the program's TLS. */
_Noreturn void emul_fork_child_main(struct emul_fork_start *start)
    __attribute__((visibility("hidden")));

/* Hooks the child runs, first the ones that only forget names (no RPC), then
 * the rest. Each resets its file's state to "one thread, nothing pending". */
/* signal_threads.c: the list holds the caller alone; returns the other blocks
 * (linked by next_listed) for the child to free. */
struct emul_thread *emul_signal_threads_forked(struct emul_thread *self);
/* thread_list.c: one live thread, no tids given; returns the ended blocks
 * (linked by next_ended). */
struct emul_thread *emul_threads_forked(void);
/* signal_service.c: forgets the parent's service ports, thread and timer. */
void emul_signal_service_forked(void);
/* signal_state.c: nothing pending for the process. */
void emul_signal_state_forked(void);
/* msgport.c: forgets the parent's message port. */
void emul_msgport_forked(void);
/* process_identity.c: the pid and parent from proc (the proc port's name is
 * the parent's, now naming the child's proc port): 0 or a kern_return_t. */
kern_return_t emul_process_identity_forked(void);

/* wait.c: a child changed state (proc posted SIGCHLD): wakes the waits. */
void emul_wait_children_changed(void);

#endif
