/* Emulation test: a non-negative system call in a task without an emulator for
 * it is the exception EXC_BAD_INSTRUCTION / EXC_I386_INVOP with the number as
 * subcode; the handler answers it by setting rax, and the thread resumes after
 * the syscall instruction with that result. */
#include "emulation_test.h"
#include <mach/exc_server.h>
#include <mach/exception.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>
#include <libmach/thread_data.h>

#define HANDLER_ANSWER 0x5eed

static struct {
	mach_port_t port;
	integer_t exception, code, subcode;
	uint64_t rax, rip;
	bool state_changed;
	uint64_t number;
	struct emulation_registers registers;
	volatile bool finished;
} caught;

kern_return_t catch_exception_raise(mach_port_t exception_port, mach_port_t thread,
                                    mach_port_t task, integer_t exception, integer_t code,
                                    integer_t subcode)
{
	(void)exception_port;
	caught.exception = exception;
	caught.code = code;
	caught.subcode = subcode;
	struct i386_thread_state state;
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	bool read = thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state, &count) ==
	            KERN_SUCCESS;
	caught.rax = state.rax;
	caught.rip = state.rip;
	state.rax = HANDLER_ANSWER;
	caught.state_changed =
	    read && thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                             i386_THREAD_STATE_COUNT) == KERN_SUCCESS;
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return caught.state_changed ? KERN_SUCCESS : KERN_FAILURE;
}

static void syscall_thread(uint64_t unused)
{
	(void)unused;
	mach_port_t self = mach_thread_self();
	(void)thread_set_special_port(self, THREAD_EXCEPTION_PORT, caught.port);
	(void)mach_port_deallocate(mach_task_self(), self);
	caught.registers = (struct emulation_registers){.rax = caught.number,
	                                                .rdi = 11,
	                                                .rsi = 12,
	                                                .rdx = 13,
	                                                .r10 = 14,
	                                                .r8 = 15,
	                                                .r9 = 16,
	                                                .rflags = 0x202};
	emulation_do_syscall(&caught.registers);
	libmach_thread_exit(); /* its reply port goes now, before the counts are compared */
	__atomic_store_n(&caught.finished, true, __ATOMIC_RELEASE);
}

/* A thread makes system call `number`; true if its exception came and was answered. */
static bool exception_case(uint64_t number)
{
	caught.exception = caught.code = caught.subcode = 0;
	caught.rax = caught.rip = 0;
	caught.state_changed = false;
	caught.number = number;
	caught.finished = false;
	if (rt_thread_start(syscall_thread, 0) != KERN_SUCCESS)
		return false;
	bool served = mach_msg_server_timeout(exc_server, 512, caught.port, MACH_RCV_TIMEOUT,
	                                      1000) == MACH_RCV_TIMED_OUT &&
	              caught.exception != 0;
	for (unsigned spins = 0;
	     !__atomic_load_n(&caught.finished, __ATOMIC_ACQUIRE) && spins < 500; spins++)
		ipc_pause_ms(10);
	return served;
}

static void check_exception(uint64_t number, const char *what)
{
	check(exception_case(number), "%s: system call %lu raises an exception", what,
	      (unsigned long)number);
	check(caught.exception == EXC_BAD_INSTRUCTION && caught.code == EXC_I386_INVOP &&
	          caught.subcode == (integer_t)number,
	      "%s: it is EXC_BAD_INSTRUCTION / EXC_I386_INVOP / the number (got %d/%d/%d)", what,
	      caught.exception, caught.code, caught.subcode);
	check(caught.rax == number && caught.rip == (uint64_t)emulation_syscall_return,
	      "%s: the handler sees rax = the number and rip after the syscall", what);
	check(caught.state_changed && caught.finished && caught.registers.rax == HANDLER_ANSWER,
	      "%s: the thread resumes after the syscall with the handler's rax", what);
	check(caught.registers.rdi == 11 && caught.registers.r9 == 16,
	      "%s: its argument registers are intact", what);
}

static void with_exception_port(void (*part)(void))
{
	caught.port = ipc_new_receive();
	if (!check(mach_port_insert_right(mach_task_self(), caught.port, caught.port,
	                                  MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS,
	           "an exception port is made"))
		return;
	part();
	(void)mach_port_destroy(mach_task_self(), caught.port);
}

static void no_emulator(void)
{
	check_exception(39, "no emulator");
	check_exception(0, "no emulator");
}

void emulation_test_exception(void)
{
	with_exception_port(no_emulator);
}

/* After emulation_test_dispatch: entries 60 and 62 are set, slot 0 is not. */
static void default_entry_removed(void)
{
	check_exception(5, "default entry removed");
}

void emulation_test_no_emulator_again(void)
{
	check(task_set_emulation(mach_task_self(), 0, 0) == KERN_SUCCESS,
	      "task_set_emulation(task, 0, 0) removes the default entry");
	with_exception_port(default_entry_removed);
	uint64_t entries = emulation_entries;
	struct emulation_registers registers = {.rax = 62, .rflags = 0x202};
	emulation_do_syscall(&registers);
	check(emulation_entries == entries + 1 && emulation_which == 2 && registers.rax == 62,
	      "a number with an entry of its own still reaches it");
	vm_offset_t none[63] = {0};
	check(task_set_emulation_vector(mach_task_self(), 0, none, 63) == KERN_SUCCESS,
	      "the vector is cleared");
}
