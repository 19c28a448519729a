/* The emulator's internal interface (D4): the caller's registers as the entry
 * saves them, the handler type, and the per-thread state found through GS. */
#ifndef EMUL_EMUL_H
#define EMUL_EMUL_H

#include <stddef.h>
#include <stdint.h>
#include <mach/port.h>
#include <libmach/thread_data.h>

/* The caller's registers at its `syscall` (include/wildebeest/emulation.h),
 * saved by the entry on the emulator's side of the red zone. A handler may
 * read every field; the entry returns rax to the caller and restores the
 * others unchanged, except where a handler (clone, execve later) says so. */
struct emul_frame {
	uint64_t rax; /* the system-call number on entry; the result on return */
	uint64_t rdi, rsi, rdx, r10, r8, r9; /* the six arguments, Linux order */
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t rcx; /* where the caller resumes: after its syscall */
	uint64_t r11; /* the caller's rflags */
	uint64_t rsp; /* the caller's stack pointer at the syscall */
};

/* A system call's implementation: returns the Linux result, >= 0 or -errno. */
typedef long emul_handler_t(struct emul_frame *frame);

/* Per-thread emulator state. The program's libc owns FS (TLS); the emulator
 * keeps GS's base pointing at this block (arch_prctl(ARCH_SET_GS) is refused
 * with EINVAL and logged). Zero-filled when made. */
struct emul_thread {
	struct emul_thread *self;            /* %gs:0, so the block is one load away */
	struct libmach_thread_data mach;     /* libmach's per-thread reply port */
	mach_port_t thread_port;             /* the thread's own port (a send right) */
	int32_t tid;                         /* the Linux thread id it answers gettid with */
	int32_t *clear_child_tid;            /* set_tid_address / CLONE_CHILD_CLEARTID */
	void *robust_list_head;              /* set_robust_list */
	size_t robust_list_length;
	uint64_t signal_mask;                /* rt_sigprocmask's record (no delivery yet) */
	void *stack_base;                    /* the block's own allocation, for exit */
	size_t stack_size;
	uint64_t checked_writable_page;      /* user_check_cache.c: last page checked writable */
	uint64_t checked_readable_page;      /* ... and readable */
	struct emul_thread *next_ended;      /* thread_exit.c: in the list of ended threads */
};

/* The calling thread's block (reads %gs:0). */
static inline struct emul_thread *emul_thread_self(void)
{
	struct emul_thread *self;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(self));
	return self;
}

#endif
