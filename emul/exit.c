/* exit_group: the status goes to whoever started the task, as a message on the
 * task's bootstrap port (include/wildebeest/emul_image.h: the placeholder until
 * the proc server exists), then the task terminates itself. */
#include <mach.h>
#include <wildebeest/emul_image.h>
#include "emul.h"
#include "process_identity.h"
#include "syscalls.h"

#define EXIT_SEND_TIMEOUT_MS 1000

static void report_status(int status)
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
	            .msgh_id = EMUL_EXIT_MESSAGE_ID,
	        },
	    .status_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_32,
	                    .msgt_size = 32,
	                    .msgt_number = 1,
	                    .msgt_inline = TRUE},
	    .status = status,
	};
	(void)mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	               MACH_PORT_NULL, EXIT_SEND_TIMEOUT_MS, MACH_PORT_NULL);
}

long emul_sys_exit_group(struct emul_frame *frame)
{
	emul_process_mark_exit((int)(frame->rdi & 0xff) << 8); /* a wait status: exited */
	report_status((int)(frame->rdi & 0xff));
	(void)task_terminate(mach_task_self());
	for (;;) /* not reached: the task is gone */
		(void)swtch_pri(0);
}
