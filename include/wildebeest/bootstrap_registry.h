/* The boot runner's registry of service ports (servers/bootstrap), until a name
 * server exists: a server sends its service port, under a name or none, to its
 * bootstrap port and runs on; a later program asks its own bootstrap port. */
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

/* The same two under a name (at most BOOTSTRAP_NAME_MAX - 1 bytes, NUL-
 * padded): the registry keeps up to BOOTSTRAP_REGISTRY_SLOTS names; the
 * unnamed messages above use the empty name. Registering a name again
 * replaces its port; a lookup of a name never registered answers
 * MACH_PORT_NULL. */
#define BOOTSTRAP_REGISTER_NAMED_ID 0x57450004
#define BOOTSTRAP_LOOKUP_NAMED_ID   0x57450005
#define BOOTSTRAP_NAME_MAX          32
#define BOOTSTRAP_REGISTRY_SLOTS    16

/* The register request and the lookup reply; the lookup request is a bare
 * header. Typed message format: one 32-bit port. */
#pragma pack(push, 4)
struct bootstrap_port_message {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
};

/* The named register request: the port, then the name. */
struct bootstrap_named_port_message {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
	mach_msg_type_t name_type;
	char name[BOOTSTRAP_NAME_MAX];
};

/* The named lookup request. */
struct bootstrap_name_message {
	mach_msg_header_t header;
	mach_msg_type_t name_type;
	char name[BOOTSTRAP_NAME_MAX];
};
#pragma pack(pop)

#endif
