/* The emulator's service thread: it holds the task's exception port and
 * turns faults into signals (EXC_BAD_ACCESS -> SIGSEGV, EXC_BAD_INSTRUCTION ->
 * SIGILL, EXC_ARITHMETIC -> SIGFPE, EXC_BREAKPOINT -> SIGTRAP), and it runs
 * ITIMER_REAL (SIGALRM) as the timeout of its receive. A thread of its own,
 * with its own block behind GS, never listed as a program thread. */
#include <mach.h>
#include <mach/exception.h>
#include <mach/exc_server.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>
#include <hurd/msg_server.h>
#include "clock.h"
#include "fork.h"
#include "msgport.h"
#include "signal_internal.h"
#include "lib/kstring.h"

#define SERVICE_BLOCK_BYTES (32u << 10)
#define WAKE_MESSAGE_ID     0x57450020
#define MESSAGE_BYTES       512

/* The msg interface's demux (MIG, hurd/msg.defs). */
boolean_t msg_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static mach_port_t exception_port, wake_port, port_set;
static vm_address_t service_block; /* the service thread's block and stack */
static emul_lock_t timer_lock;
static int64_t timer_deadline, timer_interval; /* under timer_lock; 0: disarmed */

/* The signal and its siginfo for a Mach exception (GNU Mach's i386 codes). */
static int signal_for(integer_t exception, integer_t code, integer_t subcode,
                      struct emul_signal_source *source)
{
	memset(source, 0, sizeof(*source));
	switch (exception) {
	case EXC_BAD_ACCESS:
		source->code =
		    code == KERN_PROTECTION_FAILURE ? LINUX_SEGV_ACCERR : LINUX_SEGV_MAPERR;
		source->address = (uint64_t)(uint32_t)subcode; /* exc.defs: 32 bits */
		return LINUX_SIGSEGV;
	case EXC_BAD_INSTRUCTION:
		if (code == EXC_I386_INVOP) {
			source->code = LINUX_ILL_ILLOPN;
			return LINUX_SIGILL;
		}
		source->code = LINUX_SI_KERNEL; /* #GP and friends: Linux says SIGSEGV */
		return LINUX_SIGSEGV;
	case EXC_ARITHMETIC:
		source->code = code == EXC_I386_DIV ? LINUX_FPE_INTDIV : 0;
		return LINUX_SIGFPE;
	case EXC_BREAKPOINT:
		source->code = LINUX_TRAP_BRKPT;
		return LINUX_SIGTRAP;
	default:
		source->code = LINUX_SI_KERNEL;
		return LINUX_SIGSEGV;
	}
}

/* The kernel's IDT gates are all DPL 0: an int3 (0xcc) or int $3 (0xcd 0x03)
 * arrives as a #GP whose error code has the IDT bit, with rip at the
 * instruction. Linux says SIGTRAP, after it. */
#define GP_ERROR_IDT 2u
static bool is_breakpoint_gp(integer_t exception, integer_t code, integer_t subcode,
                             struct i386_thread_state *state)
{
	if (exception != EXC_BAD_INSTRUCTION || code != 13 || !((uint32_t)subcode & GP_ERROR_IDT) ||
	    emul_signal_in_emulator(state->rip) || !emul_user_range_ok(state->rip, 2, VM_PROT_READ))
		return false;
	const uint8_t *instruction = (const uint8_t *)state->rip;
	if (instruction[0] == 0xcc) {
		state->rip += 1;
		return true;
	}
	if (instruction[0] == 0xcd && instruction[1] == 0x03) {
		state->rip += 2;
		return true;
	}
	return false;
}

kern_return_t catch_exception_raise(mach_port_t port, mach_port_t thread_port, mach_port_t task,
                                    integer_t exception, integer_t code, integer_t subcode)
{
	(void)port;
	struct emul_signal_source source;
	int signal = signal_for(exception, code, subcode, &source);
	struct i386_thread_state state;
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	kern_return_t result =
	    thread_get_state(thread_port, i386_THREAD_STATE, (thread_state_t)&state, &count);
	if (result == KERN_SUCCESS && is_breakpoint_gp(exception, code, subcode, &state)) {
		signal = LINUX_SIGTRAP;
		source.code = LINUX_SI_KERNEL;
	}
	struct emul_thread *thread = emul_signal_thread_by_port(thread_port);
	(void)mach_port_deallocate(mach_task_self(), thread_port);
	(void)mach_port_deallocate(mach_task_self(), task);
	if (result != KERN_SUCCESS || !thread) {
		emul_log("exception %d (code 0x%x) in a thread that is not the program's: "
		         "signal %d ends the process",
		         exception, code, signal);
		emul_signal_terminate(signal);
	}
	if (emul_signal_in_emulator(state.rip)) {
		emul_log("exception %d (code 0x%x, 0x%x) in the emulator at 0x%lx: signal %d",
		         exception, code, subcode, (unsigned long)state.rip, signal);
		emul_signal_terminate(signal);
	}
	struct linux_sigaction action = emul_signal_action(signal);
	bool blocked = (thread->signal_mask & LINUX_SIGNAL_BIT(signal)) != 0;
	if (action.handler == LINUX_SIG_DFL || action.handler == LINUX_SIG_IGN || blocked)
		emul_signal_terminate(signal); /* a fault cannot be ignored or blocked */
	thread->signals.sources[signal - 1] = source;
	__atomic_or_fetch(&thread->signals.pending, LINUX_SIGNAL_BIT(signal), __ATOMIC_ACQ_REL);
	/* The thread waits for this answer: send it to the trampoline. */
	memset(&thread->signals.context.registers, 0, sizeof(thread->signals.context.registers));
	emul_signal_registers_from_state(&state, &thread->signals.context.registers);
	thread->signals.context.registers.trap_number = (uint64_t)exception;
	state.rip = (uint64_t)emul_signal_trampoline;
	state.rsp = state.ursp = emul_signal_stack_top(thread);
	result = thread_set_state(thread->thread_port, i386_THREAD_STATE, (thread_state_t)&state,
	                          i386_THREAD_STATE_COUNT);
	if (result != KERN_SUCCESS) {
		emul_log("cannot divert the faulting thread (0x%x)", result);
		emul_signal_terminate(signal);
	}
	return KERN_SUCCESS;
}

void emul_signal_timer_set(int64_t deadline_ns, int64_t interval_ns, int64_t *old_deadline_ns,
                           int64_t *old_interval_ns)
{
	emul_lock(&timer_lock);
	*old_deadline_ns = timer_deadline;
	*old_interval_ns = timer_interval;
	timer_deadline = deadline_ns;
	timer_interval = interval_ns;
	emul_unlock(&timer_lock);
	mach_msg_header_t wake = {
	    .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
	    .msgh_size = sizeof(wake),
	    .msgh_remote_port = wake_port,
	    .msgh_id = WAKE_MESSAGE_ID,
	};
	if (MACH_PORT_VALID(wake_port))
		(void)mach_msg(&wake, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(wake), 0,
		               MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

void emul_signal_timer_get(int64_t *deadline_ns, int64_t *interval_ns)
{
	emul_lock(&timer_lock);
	*deadline_ns = timer_deadline;
	*interval_ns = timer_interval;
	emul_unlock(&timer_lock);
}

/* Fires the timer if due; returns the milliseconds to the next expiry (0: none). */
static uint32_t run_timer(void)
{
	int64_t now = emul_clock_monotonic_ns();
	bool fire = false;
	emul_lock(&timer_lock);
	if (timer_deadline && now >= timer_deadline) {
		fire = true;
		if (timer_interval) {
			int64_t late = now - timer_deadline;
			timer_deadline += (late / timer_interval + 1) * timer_interval;
		} else {
			timer_deadline = 0;
		}
	}
	int64_t next = timer_deadline;
	emul_unlock(&timer_lock);
	if (fire) {
		struct emul_signal_source source = {.code = LINUX_SI_KERNEL};
		emul_signal_post(LINUX_SIGALRM, &source, NULL);
	}
	return next ? emul_wait_ms_until(next, emul_clock_monotonic_ns()) : 0;
}

static _Noreturn void serve(void)
{
	union {
		mach_msg_header_t header;
		uint8_t bytes[MESSAGE_BYTES];
	} request, reply;
	for (;;) {
		uint32_t timeout = run_timer();
		mach_msg_return_t result =
		    mach_msg(&request.header, MACH_RCV_MSG | (timeout ? MACH_RCV_TIMEOUT : 0), 0,
		             sizeof(request), port_set, timeout, MACH_PORT_NULL);
		if (result == MACH_RCV_TIMED_OUT || result == MACH_RCV_INTERRUPTED)
			continue;
		if (result != MACH_MSG_SUCCESS) {
			emul_log("signal service: receive failed (0x%x)", result);
			(void)swtch_pri(0);
			continue;
		}
		mach_port_t to = request.header.msgh_local_port;
		if (to != exception_port &&
		    (to != emul_msgport_receive_right() || to == MACH_PORT_NULL)) {
			mach_msg_destroy(&request.header);
			continue;
		}
		memset(&reply.header, 0, sizeof(reply.header));
		if (to == exception_port)
			(void)exc_server(&request.header, &reply.header);
		else if (!msg_server(&request.header, &reply.header))
			mach_msg_destroy(&request.header);
		if (MACH_PORT_VALID(reply.header.msgh_remote_port))
			(void)mach_msg(&reply.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			               reply.header.msgh_size, 0, MACH_PORT_NULL, 1000,
			               MACH_PORT_NULL);
	}
}

static void service_main(struct emul_thread *block)
{
	(void)block;
	serve();
}

static bool make_ports(void)
{
	mach_port_t self = mach_task_self();
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exception_port) != KERN_SUCCESS ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &wake_port) != KERN_SUCCESS ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &port_set) != KERN_SUCCESS)
		return false;
	if (mach_port_move_member(self, exception_port, port_set) != KERN_SUCCESS ||
	    mach_port_move_member(self, wake_port, port_set) != KERN_SUCCESS)
		return false;
	if (emul_msgport_init() &&
	    mach_port_move_member(self, emul_msgport_receive_right(), port_set) != KERN_SUCCESS)
		emul_log("signal service: cannot serve the message port");
	if (mach_port_insert_right(self, exception_port, exception_port, MACH_MSG_TYPE_MAKE_SEND) !=
	    KERN_SUCCESS)
		return false;
	return true;
}

void emul_signal_service_forked(void)
{
	exception_port = wake_port = port_set = MACH_PORT_NULL; /* the parent's */
	emul_unlock(&timer_lock);
	timer_deadline = timer_interval = 0; /* Linux: no timer survives fork */
	if (service_block) /* the parent's service thread does not run in the child */
		(void)vm_deallocate(mach_task_self(), service_block, SERVICE_BLOCK_BYTES);
	service_block = 0;
}

void emul_signal_service_start(void)
{
	if (!make_ports()) {
		emul_log("signal service: cannot make its ports; faults stay fatal");
		return;
	}
	vm_address_t address = 0;
	mach_port_t thread_port = MACH_PORT_NULL;
	if (vm_allocate(mach_task_self(), &address, SERVICE_BLOCK_BYTES, TRUE) != KERN_SUCCESS ||
	    thread_create(mach_task_self(), &thread_port) != KERN_SUCCESS) {
		emul_log("signal service: no thread; faults stay fatal, no interval timer");
		return;
	}
	service_block = address;
	struct emul_thread *block = (struct emul_thread *)address;
	block->self = block;
	block->thread_port = thread_port;
	block->tid = -1;
	block->signal_mask = ~0ull;
	struct i386_thread_state state;
	memset(&state, 0, sizeof(state));
	state.rip = (uint64_t)service_main;
	state.rdi = (uint64_t)block;
	state.rsp = state.ursp = address + SERVICE_BLOCK_BYTES - 8; /* as after a call */
	state.rfl = 0x202;
	struct i386_fsgs_base_state bases = {.fs_base = 0, .gs_base = address};
	if (thread_set_state(thread_port, i386_THREAD_STATE, (thread_state_t)&state,
	                     i386_THREAD_STATE_COUNT) != KERN_SUCCESS ||
	    thread_set_state(thread_port, i386_FSGS_BASE_STATE, (thread_state_t)&bases,
	                     i386_FSGS_BASE_STATE_COUNT) != KERN_SUCCESS ||
	    thread_resume(thread_port) != KERN_SUCCESS) {
		emul_log("signal service: cannot start its thread");
		(void)thread_terminate(thread_port);
		return;
	}
	kern_return_t result =
	    task_set_special_port(mach_task_self(), TASK_EXCEPTION_PORT, exception_port);
	if (result != KERN_SUCCESS)
		emul_log("signal service: cannot take the exception port (0x%x)", result);
}
