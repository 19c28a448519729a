/* The pure rules of signals (no Mach): default actions, which pending signal
 * goes first, the mask a handler runs with, and where a signal frame goes on
 * the stack. Host-tested (tests/host/signal_logic.t). */
#ifndef EMUL_SIGNAL_LOGIC_H
#define EMUL_SIGNAL_LOGIC_H

#include <stdbool.h>
#include <stdint.h>
#include "signal_abi.h"

enum emul_signal_default {
	EMUL_SIGNAL_TERMINATE, /* the process ends, killed by the signal */
	EMUL_SIGNAL_IGNORE,
	EMUL_SIGNAL_STOP,     /* the process stops (signal_stop.c) */
	EMUL_SIGNAL_CONTINUE, /* SIGCONT: a stopped process continues, at the post */
};

/* The signals nobody may block, catch or ignore: SIGKILL and SIGSTOP. */
#define EMUL_SIGNALS_UNBLOCKABLE                                                                   \
	(LINUX_SIGNAL_BIT(LINUX_SIGKILL_) | LINUX_SIGNAL_BIT(LINUX_SIGSTOP_))

/* True for 1..64. */
bool emul_signal_valid(uint64_t signal);
enum emul_signal_default emul_signal_default_action(int signal);
/* The signal to deliver first out of a non-empty set: the lowest number,
 * except that the fault signals (SEGV, BUS, ILL, FPE, TRAP) come first. 0 for
 * an empty set. */
int emul_signal_first(uint64_t set);
/* The mask a handler runs with: the thread's, the action's, and the signal
 * itself unless SA_NODEFER; never SIGKILL or SIGSTOP. */
uint64_t emul_signal_handler_mask(uint64_t thread_mask, uint64_t action_mask, int signal,
                                  uint64_t action_flags);

/* Where a frame goes. stack_pointer is the interrupted rsp; with the
 * alternate stack in use (altstack_size != 0) the frame goes below its top
 * instead, unless the interrupted rsp is already on it. */
struct emul_signal_placement {
	uint64_t fpstate; /* the FXSAVE image, 64-byte aligned */
	uint64_t frame;   /* struct linux_rt_sigframe; frame + 8 is 16-byte aligned */
	bool on_altstack;
};
/* Fills placement; false if the frame would not fit on the alternate stack
 * (or the addresses wrap). */
bool emul_signal_place_frame(uint64_t stack_pointer, uint64_t altstack_sp, uint64_t altstack_size,
                             struct emul_signal_placement *placement);
/* True if address lies on the alternate stack [sp, sp + size). */
bool emul_signal_on_altstack(uint64_t address, uint64_t altstack_sp, uint64_t altstack_size);

#endif
