/* A thread's part of the signal state, kept in its emulator block (struct
 * emul_thread, emul.h): what is pending for it alone, the registers of the
 * code a signal interrupted, and whether it waits where a signal may break in. */
#ifndef EMUL_SIGNAL_THREAD_H
#define EMUL_SIGNAL_THREAD_H

#include <stdint.h>
#include "signal_abi.h"

/* Who sent a signal and why: what its siginfo says. */
struct emul_signal_source {
	int32_t code; /* si_code */
	int32_t pid;  /* the sender (SI_USER, SI_TKILL) */
	uint32_t uid;
	uint64_t address; /* the fault address */
};

/* The interrupted code's state: the FXSAVE image first (16-byte aligned),
 * then the general registers in sigcontext order. */
struct emul_signal_context {
	uint8_t fxsave[LINUX_FXSAVE_BYTES] __attribute__((aligned(16)));
	struct linux_sigcontext registers;
};

struct emul_signal_thread {
	uint64_t pending; /* directed at this thread (tkill, faults) */
	struct emul_signal_source sources[LINUX_SIGNALS];
	volatile int interruptible; /* waiting where thread_abort may end the wait */
	/* In an RPC a signal interrupts through interrupt_operation (signal_wait.c):
	 * its serial << 32 | the port it waits on (0: none; the port cleared: abort). */
	volatile uint64_t rpc_wait;
	volatile int rpc_abortable; /* its answer may be abandoned (a read, a select) */
	uint32_t rpc_serial;
	volatile int listed;    /* in signal_threads.c's list */
	volatile int stop_held; /* suspended by a stop (signal_stop.c) */
	int mask_saved;         /* rt_sigsuspend: saved_mask comes back after */
	uint64_t saved_mask;
	struct emul_signal_context context __attribute__((aligned(16)));
};

#endif
