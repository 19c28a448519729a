/* Conformance: thread_abort takes a thread out of a blocking receive, which
 * reports MACH_RCV_INTERRUPTED when the receiver asked for MACH_RCV_INTERRUPT. */
#include "ipc_conformance.h"
#include <libmach/thread_data.h>
#include <mach/thread_info.h>

static struct {
	mach_port_t port;
	volatile mach_port_t thread;
	volatile mach_msg_return_t result;
	volatile bool finished;
} blocked;

static void receive_forever(uint64_t unused)
{
	(void)unused;
	blocked.thread = mach_thread_self();
	mach_msg_header_t header;
	blocked.result = mach_msg(&header, MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0, sizeof(header),
	                          blocked.port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	libmach_thread_exit();
	blocked.finished = true;
}

/* Waits until the thread sleeps in the kernel (thread_info's run state). */
static bool wait_until_waiting(mach_port_t thread)
{
	for (unsigned tries = 0; tries < 200000; tries++) {
		struct thread_basic_info info;
		mach_msg_type_number_t count = THREAD_BASIC_INFO_COUNT;
		if (thread_info(thread, THREAD_BASIC_INFO, (thread_info_t)&info, &count) ==
		        KERN_SUCCESS &&
		    info.run_state == TH_STATE_WAITING)
			return true;
		(void)swtch();
	}
	return false;
}

void conformance_abort(void)
{
	blocked.port = ipc_new_receive();
	blocked.thread = MACH_PORT_NULL;
	blocked.finished = false;
	check(rt_thread_start(receive_forever, 0) == KERN_SUCCESS,
	      "a thread that will wait for a message forever starts");
	for (unsigned tries = 0; tries < 200000 && blocked.thread == MACH_PORT_NULL; tries++)
		(void)swtch();
	mach_port_t thread = blocked.thread;
	check(MACH_PORT_VALID(thread) && wait_until_waiting(thread),
	      "thread_info shows it waiting in the kernel");
	check(thread_abort(thread) == KERN_SUCCESS, "thread_abort is accepted");
	for (unsigned tries = 0; tries < 200000 && !blocked.finished; tries++)
		(void)swtch();
	check(blocked.finished && blocked.result == MACH_RCV_INTERRUPTED,
	      "its receive returned MACH_RCV_INTERRUPTED (0x%x)", blocked.result);
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_destroy(mach_task_self(), blocked.port);
}
