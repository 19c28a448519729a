/* A program's end, until the proc server exists: its emulator sends the exit
 * status to the task's bootstrap port (emul/exit.c), and the port's
 * no-senders notification says the task, which held the only send rights, is
 * gone (also when it was killed and sent nothing). */
#include <stdbool.h>
#include <mach/notify.h>
#include <wildebeest/bootstrap_registry.h>
#include <wildebeest/emul_image.h>
#include "bootstrap.h"
#include "lib/kstring.h"
#include "rt/rt.h"

kern_return_t bootstrap_exit_port(mach_port_t *receive, mach_port_t *send)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, receive);
	if (result != KERN_SUCCESS)
		return result;
	result = mach_port_insert_right(self, *receive, *receive, MACH_MSG_TYPE_MAKE_SEND);
	if (result != KERN_SUCCESS) {
		(void)mach_port_mod_refs(self, *receive, MACH_PORT_RIGHT_RECEIVE, -1);
		return result;
	}
	*send = *receive;
	return KERN_SUCCESS;
}

kern_return_t bootstrap_wait_program(mach_port_t receive, struct program_end *end)
{
	mach_port_t self = mach_task_self(), previous = MACH_PORT_NULL;
	end->exited = 0;
	end->serving = 0;
	end->status = -1;
	end->killed_by = 0;
	/* Fires once the task's rights (and the kernel's copy as its special
	 * port) are gone; our own send right was given away before. */
	kern_return_t result =
	    mach_port_request_notification(self, receive, MACH_NOTIFY_NO_SENDERS, 0, receive,
	                                   MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	while (result == KERN_SUCCESS) {
		union {
			mach_msg_header_t header;
			struct emul_exit_message exit;
			struct bootstrap_port_message port;
			struct bootstrap_named_port_message named;
			char space[256];
		} message;
		result = mach_msg(&message.header, MACH_RCV_MSG, 0, sizeof(message), receive,
		                  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (result != MACH_MSG_SUCCESS)
			break;
		if (message.header.msgh_id == EMUL_EXIT_MESSAGE_ID &&
		    message.header.msgh_size == sizeof(struct emul_exit_message)) {
			end->exited = 1;
			end->status = message.exit.status;
		} else if (message.header.msgh_id == EMUL_SIGNAL_EXIT_MESSAGE_ID &&
		           message.header.msgh_size == sizeof(struct emul_exit_message) &&
		           !(message.header.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
			end->killed_by = message.exit.status;
		} else if (message.header.msgh_id == MACH_NOTIFY_NO_SENDERS) {
			break;
		} else if ((message.header.msgh_id == BOOTSTRAP_REGISTER_ID ||
		            message.header.msgh_id == BOOTSTRAP_REGISTER_NAMED_ID) &&
		           bootstrap_registry_take(&message.header)) {
			end->serving = 1;
			mach_msg_destroy(&message.header);
			break; /* it runs on: its end is no longer waited for */
		} else if (message.header.msgh_id == BOOTSTRAP_LOOKUP_ID ||
		           message.header.msgh_id == BOOTSTRAP_LOOKUP_NAMED_ID) {
			bootstrap_registry_answer(&message.header);
			message.header.msgh_remote_port = MACH_PORT_NULL; /* the answer took it */
		}
		mach_msg_destroy(&message.header);
	}
	(void)mach_port_mod_refs(self, receive, MACH_PORT_RIGHT_RECEIVE, -1);
	return result;
}
