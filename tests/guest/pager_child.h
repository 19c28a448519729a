/* The helper task of the pager tests (pager_child.c, a boot module started by
 * the suite): on request it maps a memory object and reads or writes it, or
 * becomes a pager itself that never answers. The protocol and the parent's side. */
#ifndef WB_GUEST_PAGER_CHILD_H
#define WB_GUEST_PAGER_CHILD_H

#include "pager.h"

/* Boot module index of pager_child in the suite's boot. */
#define PAGER_CHILD_MODULE 1

/* Requests (the child answers id + 100 with words[0] = kern_return_t). The
 * child's hello, ping and exit are ipc_common's (IPC_CHILD_*). */
enum pager_child_request {
	PAGER_CHILD_MAP = 7100,   /* port: object; words: size, offset, copy -> address */
	PAGER_CHILD_READ,         /* words: address -> value */
	PAGER_CHILD_WRITE,        /* words: address, value */
	PAGER_CHILD_UNMAP,        /* words: address, size */
	PAGER_CHILD_TASK,         /* -> port: the child's task port */
	PAGER_CHILD_SERVE,        /* port: notify; words: size, seed -> port: object */
	PAGER_CHILD_REQUEST_SEEN, /* child -> notify: its pager got data_request (value:
	                             page number) and will never answer */
};
#define PAGER_CHILD_REPLY_OFFSET 100

/* One message of the protocol: an optional port (an INTEGER_32 item when there
 * is none) and four 64-bit words, packed as the kernel's typed items are. */
#pragma pack(push, 4)
struct pager_child_message {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
	mach_msg_type_t words_type;
	uint64_t words[4];
};
#pragma pack(pop)

/* Fills in the body: port with disposition (MACH_PORT_NULL: no port). */
void pager_child_message_init(struct pager_child_message *message, mach_msg_id_t id,
                              mach_port_t port, mach_msg_type_name_t disposition);

/* --- the parent's side (pager_common_child.c) --- */
struct pager_child {
	mach_port_t port; /* send right to the child's request port */
	mach_port_t task; /* send right to its task port */
	uint64_t task_id; /* for wb_task_wait */
};
/* Starts the child (module PAGER_CHILD_MODULE) and gets its task port. */
bool pager_child_start(struct pager_child *child);
/* Asks it to exit (unless it is dead already) and waits for it; true if it
 * could be waited for, its exit status in *status. */
bool pager_child_end(struct pager_child *child, int *status);
kern_return_t pager_child_map(struct pager_child *child, mach_port_t object, uint64_t size,
                              uint64_t offset, boolean_t copy, uint64_t *address);
kern_return_t pager_child_read(struct pager_child *child, uint64_t address, uint64_t *value);
kern_return_t pager_child_write(struct pager_child *child, uint64_t address, uint64_t value);
kern_return_t pager_child_unmap(struct pager_child *child, uint64_t address, uint64_t size);
/* The child becomes the pager of a new object of `size` bytes; requests are
 * announced on notify (PAGER_CHILD_REQUEST_SEEN) and never answered. */
kern_return_t pager_child_serve(struct pager_child *child, mach_port_t notify, uint64_t size,
                                mach_port_t *object);

#endif
