/* A later boot module's side of the boot runner's one-slot registry
 * (wildebeest/bootstrap_registry.h): asks its bootstrap port for the port a
 * server registered; a header so that single-file test programs share it. */
#ifndef BOOTSTRAP_LOOKUP_H
#define BOOTSTRAP_LOOKUP_H

#include <errno.h>
#include <mach.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry.h>

/* 0 with *port a send right, ESRCH if none is registered, or mach_msg's error
 * (after 10 s without an answer). */
static inline int bootstrap_lookup(mach_port_t *port)
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
