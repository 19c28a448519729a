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

/* The registry (bootstrap_registry.h): names ("" for the unnamed slot) with
 * a send right each; an empty name field is a free slot unless the port is
 * set. */
static struct {
	char name[BOOTSTRAP_NAME_MAX];
	mach_port_t port;
} registry[BOOTSTRAP_REGISTRY_SLOTS];

/* The slot holding name, or a free one when create, or NULL. */
static mach_port_t *registry_slot(const char *name, bool create)
{
	for (int i = 0; i < BOOTSTRAP_REGISTRY_SLOTS; i++)
		if (MACH_PORT_VALID(registry[i].port) &&
		    strncmp(registry[i].name, name, BOOTSTRAP_NAME_MAX) == 0)
			return &registry[i].port;
	if (!create)
		return NULL;
	for (int i = 0; i < BOOTSTRAP_REGISTRY_SLOTS; i++)
		if (!MACH_PORT_VALID(registry[i].port)) {
			memcpy(registry[i].name, name, BOOTSTRAP_NAME_MAX);
			return &registry[i].port;
		}
	return NULL;
}

/* A well-formed name field: NUL-terminated within its bytes. */
static bool name_well_formed(const mach_msg_type_t *type, const char *name)
{
	return type->msgt_name == MACH_MSG_TYPE_CHAR && type->msgt_size == 8 &&
	       type->msgt_number == BOOTSTRAP_NAME_MAX && type->msgt_inline &&
	       strnlen(name, BOOTSTRAP_NAME_MAX) < BOOTSTRAP_NAME_MAX;
}

/* A register request, unnamed or named: keeps the port under its name
 * (replacing an earlier one); true if it was well formed and found room. */
static bool take_registration(mach_msg_header_t *header)
{
	static const char unnamed[BOOTSTRAP_NAME_MAX];
	struct bootstrap_port_message *message = (struct bootstrap_port_message *)header;
	const char *name = unnamed;
	if (header->msgh_id == BOOTSTRAP_REGISTER_NAMED_ID) {
		struct bootstrap_named_port_message *named =
		    (struct bootstrap_named_port_message *)header;
		if (header->msgh_size != sizeof(*named) ||
		    !name_well_formed(&named->name_type, named->name) || named->name[0] == 0)
			return false;
		name = named->name;
	} else if (header->msgh_size != sizeof(*message)) {
		return false;
	}
	if (!(header->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    message->port_type.msgt_name != MACH_MSG_TYPE_PORT_SEND ||
	    message->port_type.msgt_number != 1 || !message->port_type.msgt_inline ||
	    !MACH_PORT_VALID(message->port))
		return false;
	char copy[BOOTSTRAP_NAME_MAX] = {0};
	memcpy(copy, name, strnlen(name, BOOTSTRAP_NAME_MAX - 1));
	mach_port_t *slot = registry_slot(copy, true);
	if (slot == NULL) {
		print("bootstrap: registry full (%d names): \"%s\" refused\n",
		      BOOTSTRAP_REGISTRY_SLOTS, copy);
		return false;
	}
	if (MACH_PORT_VALID(*slot))
		(void)mach_port_deallocate(mach_task_self(), *slot);
	*slot = message->port;
	message->port = MACH_PORT_NULL; /* ours now: not destroyed with the message */
	return true;
}

/* A lookup request, unnamed or named: answers with the registered port (or
 * none). */
static void answer_lookup(const mach_msg_header_t *request)
{
	if (!MACH_PORT_VALID(request->msgh_remote_port))
		return;
	char name[BOOTSTRAP_NAME_MAX] = {0};
	if (request->msgh_id == BOOTSTRAP_LOOKUP_NAMED_ID) {
		const struct bootstrap_name_message *named =
		    (const struct bootstrap_name_message *)request;
		if (request->msgh_size == sizeof(*named) &&
		    name_well_formed(&named->name_type, named->name) && named->name[0] != 0)
			memcpy(name, named->name, strnlen(named->name, BOOTSTRAP_NAME_MAX - 1));
		else
			name[0] = '/'; /* matches nothing: answered with no port */
	}
	mach_port_t *slot = registry_slot(name, false);
	struct bootstrap_port_message reply = {
	    .header = {.msgh_bits = MACH_MSGH_BITS_COMPLEX |
	                            MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(request->msgh_bits), 0),
	               .msgh_size = sizeof(reply),
	               .msgh_remote_port = request->msgh_remote_port,
	               .msgh_id = BOOTSTRAP_LOOKUP_REPLY_ID},
	    .port_type = {.msgt_name = MACH_MSG_TYPE_COPY_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = 1},
	    .port = slot != NULL ? *slot : MACH_PORT_NULL,
	};
	if (mach_msg(&reply.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(reply), 0,
	             MACH_PORT_NULL, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		mach_msg_destroy(&reply.header);
}

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
		           take_registration(&message.header)) {
			end->serving = 1;
			mach_msg_destroy(&message.header);
			break; /* it runs on: its end is no longer waited for */
		} else if (message.header.msgh_id == BOOTSTRAP_LOOKUP_ID ||
		           message.header.msgh_id == BOOTSTRAP_LOOKUP_NAMED_ID) {
			answer_lookup(&message.header);
			message.header.msgh_remote_port = MACH_PORT_NULL; /* the answer took it */
		}
		mach_msg_destroy(&message.header);
	}
	(void)mach_port_mod_refs(self, receive, MACH_PORT_RIGHT_RECEIVE, -1);
	return result;
}
