/* Linux x86_64's signal numbers, flags and the layouts a handler sees (the
 * siginfo, the ucontext with its sigcontext, the rt_sigframe): numbers and
 * layouts as Linux publishes them, written here. Pure: the host test uses it. */
#ifndef EMUL_SIGNAL_ABI_H
#define EMUL_SIGNAL_ABI_H

#include <stddef.h>
#include <stdint.h>

#define LINUX_SIGHUP   1
#define LINUX_SIGINT   2
#define LINUX_SIGQUIT  3
#define LINUX_SIGILL   4
#define LINUX_SIGTRAP  5
#define LINUX_SIGABRT  6
#define LINUX_SIGBUS   7
#define LINUX_SIGFPE   8
#define LINUX_SIGKILL_ 9
#define LINUX_SIGUSR1  10
#define LINUX_SIGSEGV  11
#define LINUX_SIGUSR2  12
#define LINUX_SIGPIPE  13
#define LINUX_SIGALRM  14
#define LINUX_SIGTERM  15
#define LINUX_SIGCHLD  17
#define LINUX_SIGCONT  18
#define LINUX_SIGSTOP_ 19
#define LINUX_SIGTSTP  20
#define LINUX_SIGTTIN  21
#define LINUX_SIGTTOU  22
#define LINUX_SIGURG   23
#define LINUX_SIGWINCH 28
#define LINUX_SIGNALS  64 /* 1..64 */

#define LINUX_SIG_DFL 0ull
#define LINUX_SIG_IGN 1ull

#define LINUX_SA_SIGINFO   0x00000004u
#define LINUX_SA_ONSTACK   0x08000000u
#define LINUX_SA_RESTART   0x10000000u
#define LINUX_SA_NODEFER   0x40000000u
#define LINUX_SA_RESETHAND 0x80000000u
#define LINUX_SA_RESTORER  0x04000000u

/* si_code values */
#define LINUX_SI_USER     0
#define LINUX_SI_KERNEL   0x80
#define LINUX_SI_TKILL    (-6)
#define LINUX_SEGV_MAPERR 1
#define LINUX_SEGV_ACCERR 2
#define LINUX_ILL_ILLOPN  2
#define LINUX_FPE_INTDIV  1
#define LINUX_TRAP_BRKPT  1

/* The bit of signal s (1..64) in a 64-bit set. */
#define LINUX_SIGNAL_BIT(s) (1ull << ((s)-1))

struct linux_siginfo {
	int32_t signo, error, code, pad;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
		} kill;
		uint64_t address; /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
		uint8_t bytes[112];
	} fields;
};

/* struct sigcontext: the general registers in Linux's order (also glibc's
 * gregs[REG_*] order), then the FPU state's address. */
struct linux_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, rflags;
	uint16_t cs, gs, fs, ss;
	uint64_t error_code, trap_number, old_mask, cr2;
	uint64_t fpstate; /* address of the 512-byte FXSAVE image (64-aligned) */
	uint64_t reserved[8];
};

struct linux_stack_record { /* stack_t */
	uint64_t sp;
	int32_t flags, pad;
	uint64_t size;
};

struct linux_ucontext {
	uint64_t flags;
	uint64_t link;
	struct linux_stack_record stack;
	struct linux_sigcontext mcontext;
	uint64_t sigmask;
};

/* What the handler's stack pointer points at: the return address (the
 * restorer), then the ucontext and the siginfo. */
struct linux_rt_sigframe {
	uint64_t return_address;
	struct linux_ucontext context;
	struct linux_siginfo info;
};

#define LINUX_FXSAVE_BYTES 512

_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct linux_sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(offsetof(struct linux_ucontext, mcontext) == 40, "uc_mcontext at 40");
_Static_assert(offsetof(struct linux_ucontext, sigmask) == 296, "uc_sigmask at 296");
_Static_assert(offsetof(struct linux_rt_sigframe, info) == 312, "siginfo after the ucontext");

#endif
