/* Conformance: CPU faults as Mach exceptions. A thread with an exception port
 * faults; the handler receives exception_raise (exc.defs, through exc_server),
 * reads and changes the thread's registers and answers KERN_SUCCESS, and the
 * thread resumes where the handler said. */
#include "ipc_conformance.h"
#include <mach/exc_server.h>
#include <mach/exception.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>
#include <libmach/thread_data.h>

/* What the handler saw, and what the faulting thread did. */
static struct {
	integer_t exception, code, subcode;
	bool state_read, state_written;
	volatile bool resumed;
	volatile bool finished;
	mach_port_t exception_port;
} seen;

/* exc.defs' server routine: skip the faulting instruction by resuming at the
 * address the thread left in rbx. */
kern_return_t catch_exception_raise(mach_port_t exception_port, mach_port_t thread,
                                    mach_port_t task, integer_t exception, integer_t code,
                                    integer_t subcode)
{
	(void)exception_port;
	seen.exception = exception;
	seen.code = code;
	seen.subcode = subcode;
	struct i386_thread_state state;
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	seen.state_read = thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                                   &count) == KERN_SUCCESS;
	state.rip = state.rbx;
	seen.state_written =
	    seen.state_read && thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                                        i386_THREAD_STATE_COUNT) == KERN_SUCCESS;
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return seen.state_written ? KERN_SUCCESS : KERN_FAILURE;
}

static void set_own_exception_port(void)
{
	mach_port_t self = mach_thread_self();
	(void)thread_set_special_port(self, THREAD_EXCEPTION_PORT, seen.exception_port);
	(void)mach_port_deallocate(mach_task_self(), self);
}

static void invalid_instruction_thread(uint64_t unused)
{
	(void)unused;
	set_own_exception_port();
	__asm__ volatile("lea 1f(%%rip), %%rbx\n\tud2\n1:" ::: "rbx", "memory");
	seen.resumed = true;
	libmach_thread_exit(); /* its reply port goes now, before the suite looks */
	seen.finished = true;
}

static void bad_access_thread(uint64_t address)
{
	set_own_exception_port();
	uint64_t value = 0;
	__asm__ volatile("lea 1f(%%rip), %%rbx\n\tmov (%1), %0\n1:"
	                 : "+r"(value)
	                 : "r"(address)
	                 : "rbx", "memory");
	seen.resumed = true;
	libmach_thread_exit(); /* its reply port goes now, before the suite looks */
	seen.finished = true;
}

/* Waits for the exception message to be queued (polling, up to 30 s however
 * loaded the host), then serves what is queued: no fixed quiet time to sit
 * out, and no second taken to mean that no exception is coming. */
static bool serve_one_exception(void)
{
	mach_port_status_t status = {0};
	for (unsigned polls = 0; polls < 3000; polls++) {
		if (mach_port_get_receive_status(mach_task_self(), seen.exception_port, &status) !=
		    KERN_SUCCESS)
			return false;
		if (status.mps_msgcount > 0)
			break;
		ipc_pause_ms(10);
	}
	return mach_msg_server_timeout(exc_server, 512, seen.exception_port, MACH_RCV_TIMEOUT, 0) ==
	           MACH_RCV_TIMED_OUT &&
	       seen.exception != 0;
}

static void fault_case(void (*thread_function)(uint64_t), uint64_t argument, const char *what)
{
	seen.exception = seen.code = seen.subcode = 0;
	seen.state_read = seen.state_written = false;
	seen.resumed = seen.finished = false;
	check(rt_thread_start(thread_function, argument) == KERN_SUCCESS,
	      "a thread that will %s starts", what);
	check(serve_one_exception(), "its exception arrives as exception_raise on its port");
	for (unsigned spins = 0; !seen.finished && spins < 3000; spins++)
		(void)ipc_receive_and_destroy_within(seen.exception_port, 10);
	check(seen.state_read && seen.state_written,
	      "the handler read and changed the faulting thread's registers");
	check(seen.resumed, "the thread resumed where the handler said");
}

void conformance_exceptions(void)
{
	seen.exception_port = ipc_new_receive();
	check(mach_port_insert_right(mach_task_self(), seen.exception_port, seen.exception_port,
	                             MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS,
	      "an exception port is made");

	fault_case(invalid_instruction_thread, 0, "execute ud2");
	check(seen.exception == EXC_BAD_INSTRUCTION && seen.code == EXC_I386_INVOP,
	      "an invalid instruction is EXC_BAD_INSTRUCTION / EXC_I386_INVOP (got %d/%d)",
	      seen.exception, seen.code);

	fault_case(bad_access_thread, 0x1000, "read unmapped memory");
	check(seen.exception == EXC_BAD_ACCESS && seen.code == KERN_INVALID_ADDRESS &&
	          seen.subcode == 0x1000,
	      "a read of unmapped 0x1000 is EXC_BAD_ACCESS / KERN_INVALID_ADDRESS at 0x1000 "
	      "(got %d/%d/0x%x)",
	      seen.exception, seen.code, seen.subcode);

	(void)mach_port_destroy(mach_task_self(), seen.exception_port);
}
