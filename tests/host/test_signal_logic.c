/* Host unit test of the emulator's signal rules and layouts (emul/
 * signal_logic.c, signal_abi.h, signal_thread.h): default actions, delivery
 * order, handler masks, frame placement, and the frame layouts compared with
 * the host's own Linux x86_64 <ucontext.h> and <signal.h>. */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <ucontext.h>
#include "signal_logic.h"
#include "signal_thread.h"
#include "tap.h"

static void test_rules(void)
{
	CHECK(!emul_signal_valid(0) && emul_signal_valid(1) && emul_signal_valid(64) &&
	          !emul_signal_valid(65),
	      "signals are 1..64");
	CHECK(emul_signal_default_action(LINUX_SIGCHLD) == EMUL_SIGNAL_IGNORE &&
	          emul_signal_default_action(LINUX_SIGWINCH) == EMUL_SIGNAL_IGNORE,
	      "SIGCHLD and SIGWINCH are ignored by default");
	CHECK(emul_signal_default_action(LINUX_SIGSEGV) == EMUL_SIGNAL_TERMINATE &&
	          emul_signal_default_action(LINUX_SIGTERM) == EMUL_SIGNAL_TERMINATE &&
	          emul_signal_default_action(40) == EMUL_SIGNAL_TERMINATE,
	      "SIGSEGV, SIGTERM and real-time signals terminate by default");
	CHECK(emul_signal_default_action(LINUX_SIGTSTP) == EMUL_SIGNAL_STOP &&
	          emul_signal_default_action(LINUX_SIGSTOP_) == EMUL_SIGNAL_STOP &&
	          emul_signal_default_action(LINUX_SIGCONT) == EMUL_SIGNAL_CONTINUE,
	      "stop and continue signals are told apart");
	CHECK(emul_signal_first(0) == 0, "an empty set has no first signal");
	CHECK(emul_signal_first(LINUX_SIGNAL_BIT(LINUX_SIGUSR2) |
	                        LINUX_SIGNAL_BIT(LINUX_SIGUSR1)) == LINUX_SIGUSR1,
	      "the lowest number goes first");
	CHECK(emul_signal_first(LINUX_SIGNAL_BIT(LINUX_SIGHUP) | LINUX_SIGNAL_BIT(LINUX_SIGSEGV)) ==
	          LINUX_SIGSEGV,
	      "a fault signal goes before a lower number");
	CHECK(emul_signal_first(LINUX_SIGNAL_BIT(64)) == 64, "signal 64 is found");

	uint64_t mask = emul_signal_handler_mask(
	    LINUX_SIGNAL_BIT(LINUX_SIGHUP),
	    LINUX_SIGNAL_BIT(LINUX_SIGTERM) | LINUX_SIGNAL_BIT(LINUX_SIGKILL_), LINUX_SIGUSR1, 0);
	CHECK(mask == (LINUX_SIGNAL_BIT(LINUX_SIGHUP) | LINUX_SIGNAL_BIT(LINUX_SIGTERM) |
	               LINUX_SIGNAL_BIT(LINUX_SIGUSR1)),
	      "a handler's mask: the thread's, the action's, its signal, never SIGKILL");
	mask = emul_signal_handler_mask(0, 0, LINUX_SIGUSR1, LINUX_SA_NODEFER);
	CHECK(mask == 0, "SA_NODEFER leaves the signal unblocked");
}

static void test_placement(void)
{
	struct emul_signal_placement place;
	uint64_t sp = 0x7ffffff0e123ull;
	CHECK(emul_signal_place_frame(sp, 0, 0, &place) && !place.on_altstack,
	      "a frame fits on an ordinary stack");
	CHECK((place.frame + 8) % 16 == 0 && place.fpstate % 64 == 0,
	      "the handler's rsp + 8 is 16-byte aligned, the FPU image 64-byte aligned");
	CHECK(place.frame + sizeof(struct linux_rt_sigframe) <= place.fpstate &&
	          place.fpstate + LINUX_FXSAVE_BYTES <= sp - 128,
	      "frame below the FPU image, both below the red zone");
	uint64_t alt = 0x10000000, alt_size = 64 * 1024;
	CHECK(emul_signal_place_frame(sp, alt, alt_size, &place) && place.on_altstack &&
	          place.frame >= alt && place.fpstate + LINUX_FXSAVE_BYTES <= alt + alt_size,
	      "with an alternate stack the frame goes on it");
	uint64_t inside = alt + 32 * 1024;
	CHECK(emul_signal_place_frame(inside, alt, alt_size, &place) && place.on_altstack &&
	          place.fpstate + LINUX_FXSAVE_BYTES <= inside - 128 && place.frame >= alt,
	      "already on the alternate stack: the frame goes below the interrupted rsp");
	CHECK(!emul_signal_place_frame(sp, alt, 256, &place),
	      "an alternate stack too small for the frame is refused");
	CHECK(!emul_signal_place_frame(alt + 300, alt, alt_size, &place),
	      "no room left below rsp on the alternate stack is refused");
	CHECK(!emul_signal_place_frame(100, 0, 0, &place), "a stack pointer near 0 is refused");
	CHECK(!emul_signal_place_frame(sp, UINT64_MAX - 100, 4096, &place),
	      "an alternate stack that wraps is refused");
	CHECK(emul_signal_on_altstack(alt, alt, alt_size) &&
	          !emul_signal_on_altstack(alt + alt_size, alt, alt_size) &&
	          !emul_signal_on_altstack(alt, alt, 0),
	      "on-altstack is [sp, sp + size), never with size 0");
}

static void test_layouts(void)
{
	CHECK(sizeof(struct linux_siginfo) == sizeof(siginfo_t), "siginfo is as big as the host's");
	CHECK(offsetof(struct linux_siginfo, fields.address) == offsetof(siginfo_t, si_addr) &&
	          offsetof(struct linux_siginfo, fields.kill.pid) == offsetof(siginfo_t, si_pid) &&
	          offsetof(struct linux_siginfo, fields.kill.uid) == offsetof(siginfo_t, si_uid) &&
	          offsetof(struct linux_siginfo, code) == offsetof(siginfo_t, si_code),
	      "si_code, si_addr, si_pid, si_uid where the host's are");
	CHECK(offsetof(struct linux_ucontext, mcontext) == offsetof(ucontext_t, uc_mcontext) &&
	          offsetof(struct linux_ucontext, stack) == offsetof(ucontext_t, uc_stack) &&
	          offsetof(struct linux_ucontext, sigmask) == offsetof(ucontext_t, uc_sigmask),
	      "uc_stack, uc_mcontext, uc_sigmask where the host's are");
	size_t gregs = offsetof(ucontext_t, uc_mcontext.gregs) - offsetof(ucontext_t, uc_mcontext);
	CHECK(offsetof(struct linux_sigcontext, rip) == gregs + REG_RIP * 8 &&
	          offsetof(struct linux_sigcontext, rsp) == gregs + REG_RSP * 8 &&
	          offsetof(struct linux_sigcontext, rflags) == gregs + REG_EFL * 8 &&
	          offsetof(struct linux_sigcontext, rax) == gregs + REG_RAX * 8 &&
	          offsetof(struct linux_sigcontext, r8) == gregs + REG_R8 * 8 &&
	          offsetof(struct linux_sigcontext, cr2) == gregs + REG_CR2 * 8,
	      "the registers sit at glibc's gregs[REG_*]");
	CHECK(offsetof(struct linux_sigcontext, fpstate) ==
	          offsetof(mcontext_t, fpregs) - offsetof(mcontext_t, gregs),
	      "the FPU state's address is where uc_mcontext.fpregs is read");
	CHECK(sizeof(struct _libc_fpstate) == LINUX_FXSAVE_BYTES, "the FPU image is 512 bytes");
	CHECK(offsetof(struct emul_signal_context, fxsave) == 0 &&
	          offsetof(struct emul_signal_context, registers) == 512 &&
	          offsetof(struct emul_signal_context, registers.rip) == 512 + 128 &&
	          offsetof(struct emul_signal_context, registers.rsp) == 512 + 120 &&
	          offsetof(struct emul_signal_context, registers.rflags) == 512 + 136,
	      "the saved context matches signal_resume.S's offsets");
	CHECK(offsetof(struct linux_rt_sigframe, context) == 8,
	      "the handler's return address, then the ucontext");
}

int main(void)
{
	test_rules();
	test_placement();
	test_layouts();
	return tap_finish();
}
