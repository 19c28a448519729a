/* The I/O-port test's fault catcher: an exception port served by its own thread
 * resumes an inb probe that took a general protection fault past the access. */
#include "iodev_bootstrap.h"
#include "ipc_common.h"
#include "rt/rt.h"
#include <mach/exc_server.h>
#include <mach/exception.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>

/* A probe puts this in r12, its stack pointer in r13 and where to resume in
 * rbx; the handler resumes there with rcx = 1 (faulted). */
#define IODEV_PROBE_MAGIC 0x494f5042 /* "IOPB" */

static mach_port_t fault_port = MACH_PORT_NULL;
static unsigned faults_seen;
static int last_exception, last_code;

kern_return_t catch_exception_raise(mach_port_t exception_port, mach_port_t thread,
                                    mach_port_t task, integer_t exception, integer_t code,
                                    integer_t subcode)
{
	(void)exception_port;
	(void)subcode;
	struct i386_thread_state state = {0};
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	bool resumed = false;
	if (thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state, &count) ==
	        KERN_SUCCESS &&
	    (uint32_t)state.r12 == IODEV_PROBE_MAGIC) {
		state.rip = state.rbx;
		state.ursp = state.r13;
		state.rcx = 1;
		state.r12 = 0;
		resumed = thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
		                           i386_THREAD_STATE_COUNT) == KERN_SUCCESS;
	}
	last_exception = exception;
	last_code = code;
	__atomic_store_n(&faults_seen, faults_seen + 1, __ATOMIC_RELEASE);
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return resumed ? KERN_SUCCESS : KERN_FAILURE;
}

bool iodev_faults_start(void)
{
	return ipc_exception_server_start(exc_server, &fault_port);
}

bool iodev_probe_inb(uint16_t port, uint8_t *value)
{
	uint64_t faulted = 0;
	uint8_t byte = 0;
	__asm__ volatile("mov %%rsp, %%r13\n\t"
	                 "lea 1f(%%rip), %%rbx\n\t"
	                 "movl %[magic], %%r12d\n\t"
	                 "inb %%dx, %%al\n"
	                 "1:\n\t"
	                 "xorl %%r12d, %%r12d"
	                 : "+a"(byte), "+c"(faulted)
	                 : "d"(port), [magic] "i"(IODEV_PROBE_MAGIC)
	                 : "rbx", "r12", "r13", "memory");
	if (faulted)
		return false;
	*value = byte;
	return true;
}

unsigned iodev_faults_seen(int *exception, int *code)
{
	unsigned seen = __atomic_load_n(&faults_seen, __ATOMIC_ACQUIRE);
	*exception = last_exception;
	*code = last_code;
	return seen;
}
