/* The message tests/linux/exec_child sends back to tests/linux/exec_test
 * through an init port: a text (what it was given) and optionally a port. */
#ifndef LINUX_EXEC_REPORT_H
#define LINUX_EXEC_REPORT_H

#include <string.h>
#include <mach.h>

#define EXEC_REPORT_ID       0x57450777
#define EXEC_REPORT_TEXT_MAX 512

#pragma pack(push, 4)
struct exec_report {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
	mach_msg_type_t text_type;
	char text[EXEC_REPORT_TEXT_MAX];
};
#pragma pack(pop)

static inline void exec_report_fill(struct exec_report *message, mach_port_t destination,
                                    const char *text, mach_port_t port)
{
	memset(message, 0, sizeof(*message));
	message->header.msgh_bits =
	    MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	message->header.msgh_size = sizeof(*message);
	message->header.msgh_remote_port = destination;
	message->header.msgh_id = EXEC_REPORT_ID;
	message->port_type = (mach_msg_type_t){.msgt_name = MACH_MSG_TYPE_COPY_SEND,
	                                       .msgt_size = 32,
	                                       .msgt_number = 1,
	                                       .msgt_inline = 1};
	message->port = port;
	message->text_type = (mach_msg_type_t){.msgt_name = MACH_MSG_TYPE_CHAR,
	                                       .msgt_size = 8,
	                                       .msgt_number = EXEC_REPORT_TEXT_MAX,
	                                       .msgt_inline = 1};
	strncpy(message->text, text, EXEC_REPORT_TEXT_MAX - 1);
}

#endif
