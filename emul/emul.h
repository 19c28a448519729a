/* The emulator's internal interface (D4): the caller's registers as the entry
 * saves them, the handler type, and the per-thread state found through GS. */
#ifndef EMUL_EMUL_H
#define EMUL_EMUL_H

#include <stddef.h>
#include <stdint.h>
#include <mach/port.h>
#include <libmach/thread_data.h>
#include <wildebeest/emul_image.h>
#include "signal_thread.h"

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
	uint64_t signal_mask;                /* rt_sigprocmask's: the blocked signals */
	void *stack_base;                    /* the block's own allocation, for exit */
	size_t stack_size;
	uint64_t fs_base;                    /* arch_prctl(ARCH_SET_FS)'s value */
	void *altstack_sp;                   /* sigaltstack's alternate stack */
	size_t altstack_size;
	int32_t altstack_flags;
	uint64_t checked_writable_page;      /* user_check_cache.c: last page checked writable */
	uint64_t checked_readable_page;      /* ... and readable */
	struct emul_thread *next_ended;      /* thread_exit.c: in the list of ended threads */
	struct emul_thread *next_listed;     /* signal_threads.c: the live threads */
	struct emul_signal_thread signals;   /* signal*.c: pending, interrupted state */
};

/* The calling thread's block (reads %gs:0). */
static inline struct emul_thread *emul_thread_self(void)
{
	struct emul_thread *self;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(self));
	return self;
}

/* The emulator's process-wide state, set up by the start routine (start.c). */
struct emul_process {
	const char *program_name;   /* for diagnostics: argv[0] */
	int32_t pid, ppid;          /* placeholders until proc exists */
	mach_port_t bootstrap_port; /* where exit_group reports the status */
	mach_port_t device_master;  /* given by whoever started us, or MACH_PORT_NULL */
	mach_port_t init_ports[EMUL_INIT_PORTS_MAX]; /* INIT_PORT_*: names, or 0 */
	uint32_t start_flags;                        /* the start block's EMUL_START_* */
};
extern struct emul_process emul_process;

/* Start-up of the memory (brk) and resource-limit records (memory.c, limits.c). */
void emul_memory_init(uint64_t brk_start);
void emul_limits_init(void);

/* Called by entry.S's emul_start with the loader's start block
 * (include/wildebeest/emul_image.h); returns the program's entry point. */
struct emul_start_block;
uint64_t emul_start_main(const struct emul_start_block *block);

/* Called by the entry (entry.S) with the saved frame; sets frame->rax. */
void emul_dispatch(struct emul_frame *frame);

/* Console output until a terminal server exists (console.c): bytes as they
 * are, and one formatted diagnostic line. */
void emul_console_write(const char *data, size_t length);
void emul_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* True if [address, address + length) is mapped with at least `protection`
 * (VM_PROT_READ, VM_PROT_WRITE) in this task: a handler checks a pointer it
 * was given before touching it, and answers -EFAULT if not (user_memory.c). */
int emul_user_range_ok(uint64_t address, uint64_t length, int protection);
/* Copies to or from the caller's memory after that check; 0 or -EFAULT. */
long emul_copy_to_user(uint64_t address, const void *data, size_t length);
long emul_copy_from_user(void *data, uint64_t address, size_t length);
/* The length of the NUL-terminated string at address, read page by page after
 * the check; -EFAULT if it runs into memory that is not readable,
 * -ENAMETOOLONG if no NUL comes within limit bytes. */
long emul_user_string_length(uint64_t address, size_t limit);

/* Sets the calling thread's FS and GS bases (thread_set_state on itself). */
int emul_set_segment_bases(struct emul_thread *thread, uint64_t fs_base);

/* A small lock for process-wide emulator state (brk, the signal table). */
typedef struct {
	volatile int held;
} emul_lock_t;
void emul_lock(emul_lock_t *lock);
void emul_unlock(emul_lock_t *lock);

#endif
