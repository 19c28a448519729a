/* The two sides of the boot runner's one-slot registry for glibc programs
 * (libmach-glibc): a server registers its port, a later program looks it up. */
#ifndef WILDEBEEST_BOOTSTRAP_REGISTRY_CLIENT_H
#define WILDEBEEST_BOOTSTRAP_REGISTRY_CLIENT_H

#include <errno.h>
#include <mach.h>
#include <mach/mig_support.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry.h>

/* Hands port (a send right, moved) to the registry: MACH_MSG_SUCCESS or why not. */
static inline mach_msg_return_t bootstrap_registry_register(mach_port_t port)
{
	if (!MACH_PORT_VALID(libmach_bootstrap_port))
		return MACH_SEND_INVALID_DEST;
	struct bootstrap_port_message message = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = libmach_bootstrap_port,
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

/* The registered port (a send right of the caller's) in *port: 0, ESRCH when
 * none is registered, or mach_msg's error (10 s at most). */
static inline int bootstrap_registry_lookup(mach_port_t *port)
{
	union {
		mach_msg_header_t header;
		struct bootstrap_port_message reply;
	} message = {.header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	                                                    MACH_MSG_TYPE_MAKE_SEND_ONCE),
	                        .msgh_size = sizeof(mach_msg_header_t),
	                        .msgh_remote_port = libmach_bootstrap_port,
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

#endif
