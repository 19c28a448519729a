/* Helpers shared by the in-guest IPC programs (conformance suite, hostile test,
 * child task): right inspection, small messages, name-space snapshots, and the
 * protocol between a parent and the ipc_child task. */
#ifndef WB_GUEST_IPC_COMMON_H
#define WB_GUEST_IPC_COMMON_H

#include <mach.h>
#include <mach/notify.h>
#include <stdbool.h>
#include <stdint.h>
#include "rt/rt.h"

/* --- rights --- */
/* A new receive right; MACH_PORT_NULL (and a failed check) if refused. */
mach_port_t ipc_new_receive(void);
/* The name's type bits, MACH_PORT_TYPE_NONE if the name is not in the space. */
mach_port_type_t ipc_type_of(mach_port_t name);
/* User references of one right under name, or -1 if the kernel refused. */
long ipc_refs_of(mach_port_t name, mach_port_right_t right);

/* --- messages --- */
/* A simple message: header and one 32-bit integer. */
struct ipc_simple_message {
	mach_msg_header_t header;
	mach_msg_type_t value_type;
	uint32_t value;
};
/* A complex message carrying one inline port right. */
struct ipc_port_message {
	mach_msg_header_t header;
	mach_msg_type_t port_type;
	mach_port_t port;
};
/* A complex message carrying one out-of-line region: a long-form descriptor
 * (msgt_number has only 12 bits) and the address, laid out as MIG does. */
#pragma pack(push, 4)
struct ipc_ool_message {
	mach_msg_header_t header;
	mach_msg_type_long_t data_type;
	vm_address_t address;
};
#pragma pack(pop)

/* The receive buffer every test uses (single-threaded use only). */
union ipc_receive_buffer {
	mach_msg_header_t header;
	struct ipc_simple_message simple;
	struct ipc_port_message port;
	struct ipc_ool_message ool;
	uint8_t bytes[8192];
};
extern union ipc_receive_buffer ipc_received;

/* Sends a simple message to destination (with its disposition), with an
 * optional reply right (reply_disposition 0 for none). */
mach_msg_return_t ipc_send_simple(mach_port_t destination, mach_msg_type_name_t disposition,
                                  mach_port_t reply, mach_msg_type_name_t reply_disposition,
                                  mach_msg_id_t id, uint32_t value, mach_msg_option_t option,
                                  mach_msg_timeout_t timeout);
/* Sends a message carrying one port right (body disposition) to destination,
 * made from the caller's receive right (MAKE_SEND) or copied from its send right. */
mach_msg_return_t ipc_send_port(mach_port_t destination, mach_msg_id_t id, mach_port_t port,
                                mach_msg_type_name_t port_disposition);
/* Receives into ipc_received with option (MACH_RCV_MSG added) and timeout. */
mach_msg_return_t ipc_receive(mach_port_t name, mach_msg_option_t option,
                              mach_msg_timeout_t timeout);
/* Receives with a 1 s timeout; checks and destroys whatever arrived. */
mach_msg_return_t ipc_receive_and_destroy(mach_port_t name);
/* The same with a given timeout in milliseconds (0: only what is queued). */
mach_msg_return_t ipc_receive_and_destroy_within(mach_port_t name, mach_msg_timeout_t timeout);

/* --- kernel object accounting (host_slab_info), for leak checks --- */
#define IPC_MAX_KERNEL_COUNTS 64
struct ipc_kernel_count {
	char name[32];
	unsigned long in_use;
};
struct ipc_kernel_counts {
	unsigned count;
	struct ipc_kernel_count entries[IPC_MAX_KERNEL_COUNTS];
};
kern_return_t ipc_snapshot_kernel_counts(struct ipc_kernel_counts *snapshot);
/* True if every kernel zone has as many objects in use as before; prints the
 * differences as TAP diagnostics. */
bool ipc_kernel_counts_equal(const struct ipc_kernel_counts *before,
                             const struct ipc_kernel_counts *after);
/* ipc_kernel_counts_equal of before and now, polled for up to 2 s while ended
 * threads and tasks are reaped; prints the differences if they stay. */
bool ipc_kernel_counts_settle(const struct ipc_kernel_counts *before);
/* Sleeps ms milliseconds (a receive that times out on a port of its own). */
void ipc_pause_ms(unsigned ms);

/* --- name-space snapshots (for leak checks) --- */
#define IPC_MAX_NAMES 512
struct ipc_name_snapshot {
	unsigned count;
	mach_port_t names[IPC_MAX_NAMES];
	mach_port_type_t types[IPC_MAX_NAMES];
};
/* The task's names and types, without the thread's MIG reply port (which an
 * RPC that failed replaces). */
kern_return_t ipc_snapshot_names(struct ipc_name_snapshot *snapshot);
/* True if both snapshots hold the same names with the same types; otherwise
 * prints the first difference. */
bool ipc_snapshots_equal(const struct ipc_name_snapshot *before,
                         const struct ipc_name_snapshot *after);

/* --- the child task (tests/guest/ipc_child.c) --- */
/* Message ids of the parent/child protocol. */
enum ipc_child_message {
	IPC_CHILD_HELLO = 7000, /* child -> parent's bootstrap port: reply port = child's port */
	IPC_CHILD_EXIT,         /* parent -> child: end now, holding the receive right */
	IPC_CHILD_PING, /* parent -> child: reply (id + 100) once all before it are consumed */
};
/* Starts boot module `module` (an ipc_child) with a bootstrap port of ours and
 * returns a send right to the child's port and the task id for wb_task_wait. */
kern_return_t ipc_child_start(unsigned module, mach_port_t *child_port, uint64_t *task_id);
/* Asks the child to answer once everything sent before is consumed. */
kern_return_t ipc_child_ping(mach_port_t child_port);

/* --- set-up --- */
/* The number after prefix in word ("prefix=N", decimal), or -1 if word does not
 * start with it or what follows is not a number. */
long ipc_number_after(const char *word, const char *prefix);
/* A demultiplexer as mach_msg_server takes it (exc_server, ...). */
typedef boolean_t ipc_demux_t(mach_msg_header_t *request, mach_msg_header_t *reply);
/* Makes a port with a send right, serves it with demux on a thread of its own
 * and makes it the calling thread's exception port; *port is its name. Call
 * once per program. */
bool ipc_exception_server_start(ipc_demux_t *demux, mach_port_t *port);

#endif
