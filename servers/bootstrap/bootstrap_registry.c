/* The boot runner's registry of named ports
 * (include/wildebeest/bootstrap_registry.h): registrations kept, lookups answered. */
#include <stdbool.h>
#include <wildebeest/bootstrap_registry.h>
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
bool bootstrap_registry_take(mach_msg_header_t *header)
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
void bootstrap_registry_answer(const mach_msg_header_t *request)
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

mach_port_t bootstrap_registry_find(const char *name)
{
	char copy[BOOTSTRAP_NAME_MAX] = {0};
	memcpy(copy, name, strnlen(name, BOOTSTRAP_NAME_MAX - 1));
	mach_port_t *slot = registry_slot(copy, false);
	return slot != NULL ? *slot : MACH_PORT_NULL;
}

bool bootstrap_registry_add(const char *name, mach_port_t port)
{
	char copy[BOOTSTRAP_NAME_MAX] = {0};
	memcpy(copy, name, strnlen(name, BOOTSTRAP_NAME_MAX - 1));
	mach_port_t *slot = registry_slot(copy, true);
	if (slot == NULL || !MACH_PORT_VALID(port) ||
	    mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS)
		return false;
	if (MACH_PORT_VALID(*slot))
		(void)mach_port_deallocate(mach_task_self(), *slot);
	*slot = port;
	return true;
}
