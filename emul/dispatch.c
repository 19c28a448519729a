/* From the entry to a handler: the table by number, the native escape hatch's
 * range, and for everything else -ENOSYS with a console diagnostic (once per
 * number, so that a loop over a missing call does not flood the console). */
#include <wildebeest/emul_native.h>
#include "linux_abi.h"
#include "syscall_table.h"
#include "signal_internal.h"
#include "syscalls.h"

/* One bit per number already reported. */
static volatile uint64_t reported[EMUL_SYSCALL_COUNT / 64];
static volatile int reported_out_of_range;

static long unimplemented(uint64_t number)
{
	if (number < EMUL_SYSCALL_COUNT) {
		uint64_t bit = 1ull << (number % 64);
		uint64_t before = __atomic_fetch_or(&reported[number / 64], bit, __ATOMIC_RELAXED);
		if (!(before & bit)) {
			const char *name = emul_syscall_names[number];
			emul_log("unimplemented system call %s (%lu)", name ? name : "(unassigned)",
			         (unsigned long)number);
		}
	} else if (!__atomic_exchange_n(&reported_out_of_range, 1, __ATOMIC_RELAXED)) {
		emul_log("unimplemented system call (unassigned) (%lu)", (unsigned long)number);
	}
	return -LINUX_ENOSYS;
}

void emul_dispatch(struct emul_frame *frame)
{
	uint64_t number = frame->rax;
	if (number < EMUL_SYSCALL_COUNT) {
		emul_handler_t *handler = emul_syscall_table[number];
		frame->rax = (uint64_t)(handler ? handler(frame) : unimplemented(number));
		emul_signal_after_syscall(frame, number); /* returns unless a signal is taken */
		return;
	}
	if (number >= EMUL_NATIVE_FIRST && number <= EMUL_NATIVE_LAST) {
		frame->rax = (uint64_t)emul_native_call(frame);
		return;
	}
	frame->rax = (uint64_t)unimplemented(number);
}
