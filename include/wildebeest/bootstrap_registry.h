/* The boot runner's one-slot registry (servers/bootstrap), until a name server
 * exists: a server sends its service port to its bootstrap port and runs on;
 * a later program asks its own bootstrap port for that port. */
#ifndef WILDEBEEST_BOOTSTRAP_REGISTRY_H
#define WILDEBEEST_BOOTSTRAP_REGISTRY_H

#include <mach/message.h>

/* Server -> bootstrap port: port (MOVE_SEND) is the service; the runner stops
 * waiting for this program's end ("runs on as a server"). */
#define BOOTSTRAP_REGISTER_ID 0x57450002
/* Client -> bootstrap port, with a reply port (MAKE_SEND_ONCE): the answer
 * (BOOTSTRAP_LOOKUP_REPLY_ID) carries the registered port (a send right) or
 * MACH_PORT_NULL when none is registered. */
#define BOOTSTRAP_LOOKUP_ID       0x57450003
#define BOOTSTRAP_LOOKUP_REPLY_ID 0x57450103

/* The register request and the lookup reply; the lookup request is a bare
 * header. Typed message format: one 32-bit port. */
#pragma pack(push, 4)
struct bootstrap_port_message {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
};
#pragma pack(pop)

#endif
