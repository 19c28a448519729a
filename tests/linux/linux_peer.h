/* Two test programs that meet through the boot runner's registry: checks
 * counted as failures, a port registered by name, and one asking the other's pid. */
#ifndef LINUX_PEER_H
#define LINUX_PEER_H

#include <stdarg.h>
#include <stdbool.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <mach.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "linux_check.h"

#define PEER_ASK_PID_ID    0x50450001
#define PEER_ANSWER_PID_ID 0x50450101
#define PEER_SEND_MS       5000


struct peer_pid_message {
	mach_msg_header_t header;
	mach_msg_type_t pid_type;
	int32_t pid;
};

/* A receive right with a send right of the same name, registered as name:
 * the port, or MACH_PORT_NULL (a failed check says so). */
static inline mach_port_t peer_register(const char *name)
{
	mach_port_t port = MACH_PORT_NULL;
	bool done =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port) == KERN_SUCCESS &&
	    mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND) ==
	        KERN_SUCCESS &&
	    bootstrap_registry_register_named(libmach_bootstrap_port, name, port) == 0;
	if (!done)
		check(false, "registered as \"%s\"", name);
	return done ? port : MACH_PORT_NULL;
}

/* Waits up to timeout_ms for the question on port and answers it with our
 * pid: MACH_MSG_SUCCESS, the receive's error, or MIG_BAD_ID for another
 * message. */
static inline mach_msg_return_t peer_answer_pid(mach_port_t port, unsigned timeout_ms)
{
	union {
		mach_msg_header_t header;
		char space[256];
	} request;
	mach_msg_return_t result = mach_msg(&request.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	                                    sizeof(request), port, timeout_ms, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return result;
	if (request.header.msgh_id != PEER_ASK_PID_ID) {
		mach_msg_destroy(&request.header);
		return MIG_BAD_ID;
	}
	struct peer_pid_message answer = {
	    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
	               .msgh_size = sizeof(answer),
	               .msgh_remote_port = request.header.msgh_remote_port,
	               .msgh_id = PEER_ANSWER_PID_ID},
	    .pid_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_32,
	                 .msgt_size = 32,
	                 .msgt_number = 1,
	                 .msgt_inline = 1},
	    .pid = getpid(),
	};
	return mach_msg(&answer.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(answer), 0,
	                MACH_PORT_NULL, PEER_SEND_MS, MACH_PORT_NULL);
}

/* Asks peer (a send right) for its pid, waiting up to timeout_ms: the pid,
 * or 0 with *result saying why. */
static inline pid_t peer_ask_pid(mach_port_t peer, unsigned timeout_ms, mach_msg_return_t *result)
{
	mach_port_t reply = mig_get_reply_port();
	union {
		mach_msg_header_t header;
		struct peer_pid_message answer;
		char space[256];
	} message = {.header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	                                                    MACH_MSG_TYPE_MAKE_SEND_ONCE),
	                        .msgh_size = sizeof(mach_msg_header_t),
	                        .msgh_remote_port = peer,
	                        .msgh_local_port = reply,
	                        .msgh_id = PEER_ASK_PID_ID}};
	*result =
	    mach_msg(&message.header, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(mach_msg_header_t), sizeof(message), reply, timeout_ms, MACH_PORT_NULL);
	if (*result == MACH_MSG_SUCCESS && message.header.msgh_id != PEER_ANSWER_PID_ID)
		*result = MIG_BAD_ID;
	return *result == MACH_MSG_SUCCESS ? message.answer.pid : 0;
}

#endif
