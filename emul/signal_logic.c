/* The pure rules of signals (signal_logic.h): default actions, the order of
 * delivery, handler masks and frame placement. No Mach, no emulator state. */
#include "signal_logic.h"

#define RED_ZONE_BYTES 128

bool emul_signal_valid(uint64_t signal)
{
	return signal >= 1 && signal <= LINUX_SIGNALS;
}

enum emul_signal_default emul_signal_default_action(int signal)
{
	switch (signal) {
	case LINUX_SIGCHLD:
	case LINUX_SIGURG:
	case LINUX_SIGWINCH:
		return EMUL_SIGNAL_IGNORE;
	case LINUX_SIGCONT:
		return EMUL_SIGNAL_CONTINUE;
	case LINUX_SIGSTOP_:
	case LINUX_SIGTSTP:
	case LINUX_SIGTTIN:
	case LINUX_SIGTTOU:
		return EMUL_SIGNAL_STOP;
	default:
		return EMUL_SIGNAL_TERMINATE;
	}
}

int emul_signal_first(uint64_t set)
{
	if (!set)
		return 0;
	static const int faults[] = {LINUX_SIGSEGV, LINUX_SIGBUS, LINUX_SIGILL, LINUX_SIGFPE,
	                             LINUX_SIGTRAP};
	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (set & LINUX_SIGNAL_BIT(faults[i]))
			return faults[i];
	return __builtin_ctzll(set) + 1;
}

uint64_t emul_signal_handler_mask(uint64_t thread_mask, uint64_t action_mask, int signal,
                                  uint64_t action_flags)
{
	uint64_t mask = thread_mask | action_mask;
	if (!(action_flags & LINUX_SA_NODEFER))
		mask |= LINUX_SIGNAL_BIT(signal);
	return mask & ~EMUL_SIGNALS_UNBLOCKABLE;
}

bool emul_signal_on_altstack(uint64_t address, uint64_t altstack_sp, uint64_t altstack_size)
{
	return altstack_size != 0 && address >= altstack_sp &&
	       address - altstack_sp < altstack_size;
}

bool emul_signal_place_frame(uint64_t stack_pointer, uint64_t altstack_sp, uint64_t altstack_size,
                             struct emul_signal_placement *placement)
{
	uint64_t need = LINUX_FXSAVE_BYTES + 64 + sizeof(struct linux_rt_sigframe) + 32;
	uint64_t top;
	bool on_altstack = false;
	if (altstack_size && !emul_signal_on_altstack(stack_pointer, altstack_sp, altstack_size)) {
		if (altstack_sp > UINT64_MAX - altstack_size || altstack_size < need)
			return false;
		top = altstack_sp + altstack_size;
		on_altstack = true;
	} else {
		if (stack_pointer < RED_ZONE_BYTES + need)
			return false;
		top = stack_pointer - RED_ZONE_BYTES;
		on_altstack = altstack_size != 0;
	}
	placement->fpstate = (top - LINUX_FXSAVE_BYTES) & ~63ull;
	placement->frame = ((placement->fpstate - sizeof(struct linux_rt_sigframe)) & ~15ull) - 8;
	placement->on_altstack = on_altstack;
	if (on_altstack && altstack_size && placement->frame < altstack_sp)
		return false;
	return true;
}
