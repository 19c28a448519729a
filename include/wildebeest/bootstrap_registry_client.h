/* Both sides of the boot runner's registry for the programs that use it
 * (wildebeest/bootstrap_registry.h has the messages): a server registers its
 * service port, unnamed or named, a later boot module looks it up. Needs <mach.h>. */
#ifndef WILDEBEEST_BOOTSTRAP_REGISTRY_CLIENT_H
#define WILDEBEEST_BOOTSTRAP_REGISTRY_CLIENT_H

#include <errno.h>
#include <string.h>
#include <mach.h>
#include <wildebeest/bootstrap_registry.h>

/* Sends port (a send right of ours, moved: gone on success) to the registry
 * behind bootstrap, waiting at most 10 s to send. mach_msg's result. */
static inline mach_msg_return_t bootstrap_registry_register(mach_port_t bootstrap, mach_port_t port)
{
	struct bootstrap_port_message message = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = bootstrap,
	               .msgh_id = BOOTSTRAP_REGISTER_ID},
	    .port_type = {.msgt_name = MACH_MSG_TYPE_MOVE_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = 1},
	    .port = port,
	};
	return mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	                MACH_PORT_NULL, 10000, MACH_PORT_NULL);
}

/* Asks the registry behind bootstrap for the registered port: 0 with *port a
 * send right, ESRCH if none is registered, or mach_msg's error (after 10 s
 * without an answer). */
static inline int bootstrap_registry_lookup(mach_port_t bootstrap, mach_port_t *port)
{
	union {
		mach_msg_header_t header;
		struct bootstrap_port_message reply;
	} message = {.header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	                                                    MACH_MSG_TYPE_MAKE_SEND_ONCE),
	                        .msgh_size = sizeof(mach_msg_header_t),
	                        .msgh_remote_port = bootstrap,
	                        .msgh_local_port = mig_get_reply_port(),
	                        .msgh_id = BOOTSTRAP_LOOKUP_ID}};
	mach_msg_return_t result =
	    mach_msg(&message.header, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(mach_msg_header_t), sizeof(message), message.header.msgh_local_port,
	             10000, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return result;
	if (message.header.msgh_id != BOOTSTRAP_LOOKUP_REPLY_ID ||
	    message.header.msgh_size != sizeof(message.reply) ||
	    !MACH_PORT_VALID(message.reply.port))
		return ESRCH;
	*port = message.reply.port;
	return 0;
}

/* The name's copy for a message: EINVAL if it does not fit. */
static inline int bootstrap_registry_copy_name(char copy[BOOTSTRAP_NAME_MAX], const char *name)
{
	size_t length = strlen(name);
	if (length == 0 || length >= BOOTSTRAP_NAME_MAX)
		return EINVAL;
	memset(copy, 0, BOOTSTRAP_NAME_MAX);
	memcpy(copy, name, length);
	return 0;
}

/* The name's type descriptor. */
static inline mach_msg_type_t bootstrap_registry_name_type(void)
{
	return (mach_msg_type_t){.msgt_name = MACH_MSG_TYPE_CHAR,
	                         .msgt_size = 8,
	                         .msgt_number = BOOTSTRAP_NAME_MAX,
	                         .msgt_inline = 1};
}

/* Sends port (moved: gone on success) under name (1 to BOOTSTRAP_NAME_MAX - 1
 * bytes) to the registry behind bootstrap, waiting at most 10 s to send:
 * mach_msg's result, or EINVAL for a bad name (the port is then still ours). */
static inline int bootstrap_registry_register_named(mach_port_t bootstrap, const char *name,
                                                    mach_port_t port)
{
	struct bootstrap_named_port_message message = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = bootstrap,
	               .msgh_id = BOOTSTRAP_REGISTER_NAMED_ID},
	    .port_type = {.msgt_name = MACH_MSG_TYPE_MOVE_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = 1},
	    .port = port,
	    .name_type = bootstrap_registry_name_type(),
	};
	if (bootstrap_registry_copy_name(message.name, name) != 0)
		return EINVAL;
	return mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	                MACH_PORT_NULL, 10000, MACH_PORT_NULL);
}

/* Asks the registry behind bootstrap for the port registered under name: 0
 * with *port a send right, ESRCH if none is, EINVAL for a bad name, or
 * mach_msg's error (after 10 s without an answer). */
static inline int bootstrap_registry_lookup_named(mach_port_t bootstrap, const char *name,
                                                  mach_port_t *port)
{
	union {
		struct bootstrap_name_message request;
		struct bootstrap_port_message reply;
	} message = {.request = {.header = {.msgh_bits = MACH_MSGH_BITS(
	                                        MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	                                    .msgh_size = sizeof(struct bootstrap_name_message),
	                                    .msgh_remote_port = bootstrap,
	                                    .msgh_local_port = mig_get_reply_port(),
	                                    .msgh_id = BOOTSTRAP_LOOKUP_NAMED_ID},
	                         .name_type = bootstrap_registry_name_type()}};
	if (bootstrap_registry_copy_name(message.request.name, name) != 0)
		return EINVAL;
	mach_port_t reply_port = message.request.header.msgh_local_port;
	mach_msg_return_t result =
	    mach_msg(&message.request.header, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(message.request), sizeof(message), reply_port, 10000, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return result;
	if (message.reply.header.msgh_id != BOOTSTRAP_LOOKUP_REPLY_ID ||
	    message.reply.header.msgh_size != sizeof(message.reply) ||
	    !MACH_PORT_VALID(message.reply.port))
		return ESRCH;
	*port = message.reply.port;
	return 0;
}

#endif
