/* The end of a process killed by a signal: the wait status goes to proc (when
 * the process has one, process_proc.c) and the signal's number to whoever
 * started the task (EMUL_SIGNAL_EXIT_MESSAGE_ID on the bootstrap port, which
 * the boot runner prints as "killed by signal N"); then the task ends. */
#include <mach.h>
#include <wildebeest/emul_image.h>
#include "process_identity.h"
#include "signal_internal.h"

#define EXIT_SEND_TIMEOUT_MS 1000

static void report_signal(int signal)
{
	if (!MACH_PORT_VALID(emul_process.bootstrap_port))
		return;
	struct {
		mach_msg_header_t header;
		mach_msg_type_t status_type;
		int32_t status;
	} message = {
	    .header =
	        {
	            .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	            .msgh_size = sizeof(message),
	            .msgh_remote_port = emul_process.bootstrap_port,
	            .msgh_local_port = MACH_PORT_NULL,
	            .msgh_id = EMUL_SIGNAL_EXIT_MESSAGE_ID,
	        },
	    .status_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_32,
	                    .msgt_size = 32,
	                    .msgt_number = 1,
	                    .msgt_inline = TRUE},
	    .status = signal,
	};
	(void)mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	               MACH_PORT_NULL, EXIT_SEND_TIMEOUT_MS, MACH_PORT_NULL);
}

_Noreturn void emul_signal_terminate(int signal)
{
	static volatile int ending;
	if (!__atomic_exchange_n(&ending, 1, __ATOMIC_ACQ_REL)) {
		emul_process_mark_exit(signal & 0x7f); /* a wait status: killed by signal */
		report_signal(signal);
	}
	(void)task_terminate(mach_task_self());
	for (;;)
		(void)swtch_pri(0);
}
