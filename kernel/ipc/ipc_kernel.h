/* What the rest of the kernel uses of kernel/ipc: spaces, the per-thread IPC
 * state, kernel object ports, kernel-held rights, the mach_msg trap and the
 * statistics the tests read. Rights held by the kernel are struct ipc_port *. */
#ifndef WB_IPC_IPC_KERNEL_H
#define WB_IPC_IPC_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

struct ipc_port;
struct ipc_space;
struct ipc_kmsg;
struct ipc_vm_copy;

/* Largest body the fast path carries, and the room its buffer needs. */
#define IPC_FAST_PATH_BODY_MAX 256
#define IPC_FAST_PATH_WORDS    ((IPC_FAST_PATH_BODY_MAX + 64) / 8)

/* A thread's IPC state; the kernel embeds or allocates one per thread. */
struct ipc_thread {
	void *owner;                  /* the kernel's thread */
	struct ipc_thread *wait_next; /* in a port's or set's thread queue */
	int wait_kind;                /* enum ipc_wait_kind */
	void *waiting_on;             /* port or set */
	bool waiting_on_set;
	struct ipc_kmsg *received;          /* handed over by a sender (see ipc_fast_path.c) */
	mach_msg_return_t wait_result;      /* set by whoever ends the wait early */
	mach_msg_size_t receive_limit;      /* user-format bytes the receiver can take */
	bool fast_path_ready;               /* may be handed a message in fast_message */
	struct ipc_port *kernel_reply_port; /* receive right for mach_msg_rpc_from_kernel */
	/* The fast path's message buffer: an ipc_kmsg with room for a small body. */
	uint64_t fast_message[IPC_FAST_PATH_WORDS];
};

struct ipc_statistics {
	size_t ports; /* ports alive */
	size_t port_sets;
	size_t spaces;
	size_t entries;            /* names in use, all spaces */
	size_t kmsgs;              /* messages allocated */
	size_t bytes_held;         /* memory held by IPC */
	size_t fast_path_hits;     /* messages handed to a waiting receiver by the fast path */
	size_t fast_path_receives; /* of those, receives finished without the general lock */
	size_t kernel_requests;    /* messages served by ipc_host_kernel_server */
	size_t notifications;      /* notifications sent */
	size_t general_sections;   /* times the general lock was taken (a debugging aid) */
};

/* A snapshot of the statistics. */
void ipc_statistics_read(struct ipc_statistics *out);

void ipc_init(void);

struct ipc_space *ipc_space_create(void);
/* Task death: every right destroyed, notifications sent, messages destroyed. */
void ipc_space_destroy(struct ipc_space *space);

void ipc_thread_init(struct ipc_thread *thread, void *owner);
void ipc_thread_cleanup(struct ipc_thread *thread);
/* The same, allocated (kernel threads keep a pointer). */
struct ipc_thread *ipc_thread_create(void);
void ipc_thread_destroy(struct ipc_thread *thread);
void ipc_thread_set_owner(struct ipc_thread *thread, void *owner);
void *ipc_thread_owner(const struct ipc_thread *thread);

/* The mach_msg trap; user_message is an address in space's task. */
mach_msg_return_t ipc_mach_msg_trap(struct ipc_space *space, uint64_t user_message,
                                    mach_msg_option_t option, mach_msg_size_t send_size,
                                    mach_msg_size_t receive_size, mach_port_name_t receive_name,
                                    mach_msg_timeout_t timeout, mach_port_name_t notify);

/* Kernel object ports. The receive right stays with the kernel. */
struct ipc_port *ipc_kobject_port_create(void *object, unsigned kind);
/* Senders see a dead port from now on; the object is no longer reachable. */
void ipc_kobject_port_destroy(struct ipc_port *port);
/* The port stops being a kernel object port but stays a receive right the
 * kernel holds (to be moved in a kernel message, or released). */
void ipc_kobject_port_detach(struct ipc_port *port);
/* Whether the port is alive now (a hint: it may die right after). */
bool ipc_port_alive(struct ipc_port *port);
/* The object behind port if it is a live port of that kind, else NULL. */
void *ipc_port_kobject(struct ipc_port *port, unsigned kind);
/* Whether port is a live kernel object port of any kind. */
bool ipc_port_is_kobject(struct ipc_port *port);
/* Arms a no-senders notification of a kernel object port to the port itself
 * (served through the kernel's demux like a request). Returns true, arming
 * nothing, when the port has no send rights now or is dead. */
bool ipc_kobject_request_no_senders(struct ipc_port *port);

/* Rights held by the kernel. Each returns its argument (NULL stays NULL). */
struct ipc_port *ipc_port_make_send(struct ipc_port *port);
struct ipc_port *ipc_port_copy_send(struct ipc_port *port);
struct ipc_port *ipc_port_make_send_once(struct ipc_port *port);
void ipc_port_release_send(struct ipc_port *port);
void ipc_port_release_send_once(struct ipc_port *port);
/* A receive right held by the kernel (not a kernel object port): destroys it. */
void ipc_port_release_receive(struct ipc_port *port);
/* A new port whose receive right the kernel holds. */
struct ipc_port *ipc_port_alloc_kernel(void);
bool ipc_port_check_circularity(struct ipc_port *port, struct ipc_port *destination);

/* Gives space the kernel-held right port (disposition MACH_MSG_TYPE_PORT_SEND,
 * _SEND_ONCE or _RECEIVE, or MAKE_SEND/COPY_SEND which leave the caller's right
 * alone), returning its name. A consumed right is consumed even on failure. */
kern_return_t ipc_space_insert_port_right(struct ipc_space *space, struct ipc_port *port,
                                          mach_msg_type_name_t disposition, mach_port_name_t *name);
/* The port space names with a send or receive right (no reference taken). */
kern_return_t ipc_space_lookup_port(struct ipc_space *space, mach_port_name_t name,
                                    struct ipc_port **port);

/* Buffers for out-of-line data in kernel-format messages. */
void *ipc_kernel_ool_alloc(size_t size);
void ipc_kernel_ool_free(void *buffer, size_t size);
/* An out-of-line data slot of a kernel-format message holds a buffer or, with
 * bit 0 set, a virtual copy (ipc_host.h's ipc_vm_copy, never seen by a kernel
 * server routine's request: those get buffers). */
#define IPC_OOL_COPY_TAG ((uintptr_t)1)
static inline bool ipc_ool_is_copy(const void *slot)
{
	return ((uintptr_t)slot & IPC_OOL_COPY_TAG) != 0;
}
static inline struct ipc_vm_copy *ipc_ool_copy(const void *slot)
{
	return (struct ipc_vm_copy *)((uintptr_t)slot & ~IPC_OOL_COPY_TAG);
}
static inline void *ipc_ool_tag_copy(struct ipc_vm_copy *copy)
{
	return (void *)((uintptr_t)copy | IPC_OOL_COPY_TAG);
}

/* The kernel's own sends, for kernel-user MIG stubs (kernel-format messages). */
mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *message, mach_msg_size_t send_size);
mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *message, mach_msg_size_t send_size,
                                           mach_msg_size_t receive_size);

#endif
