/* A process's end, by exit_group or a signal (signal_exit.c): the wait status
 * to proc, a report on the task's bootstrap port for whoever started it
 * (include/wildebeest/emul_image.h), then the task terminates itself. */
#include <mach.h>
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "fork.h"
#include "process_identity.h"
#include "syscalls.h"

#define EXIT_SEND_TIMEOUT_MS 1000

static void report_end(mach_msg_id_t id, int value)
{
	if (!MACH_PORT_VALID(emul_process.bootstrap_port) || emul_fork_is_child())
		return; /* a forked child's end goes to proc only: its parent waits */
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
	            .msgh_id = id,
	        },
	    .status_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_32,
	                    .msgt_size = 32,
	                    .msgt_number = 1,
	                    .msgt_inline = TRUE},
	    .status = value,
	};
	(void)mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	               MACH_PORT_NULL, EXIT_SEND_TIMEOUT_MS, MACH_PORT_NULL);
}

_Noreturn void emul_process_end(int wait_status, mach_msg_id_t report_id, int report_value)
{
	emul_process_mark_exit(wait_status);
	report_end(report_id, report_value);
	(void)task_terminate(mach_task_self());
	for (;;) /* not reached: the task is gone */
		(void)swtch_pri(0);
}

long emul_sys_exit_group(struct emul_frame *frame)
{
	int status = (int)(frame->rdi & 0xff);
	emul_process_end(status << 8 /* a wait status: exited */, EMUL_EXIT_MESSAGE_ID, status);
}
