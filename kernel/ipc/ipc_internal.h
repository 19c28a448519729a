/* The data structures shared by the files of kernel/ipc: ports, port sets,
 * name spaces and their entries, messages in kernel format, the locks (general
 * lock, fast-path gates, per-object locks), statistics and deferred notifications. */
#ifndef WB_IPC_IPC_INTERNAL_H
#define WB_IPC_IPC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>
#include "ipc/ipc_host.h"
#include "ipc/ipc_kernel.h"
#include "kern/spinlock.h"

/* A right in a kernel-format message: a port, IPC_PORT_NULL or IPC_PORT_DEAD. */
#define IPC_PORT_NULL        ((struct ipc_port *)0)
#define IPC_PORT_DEAD        ((struct ipc_port *)~0UL)
#define IPC_PORT_VALID(port) ((port) != IPC_PORT_NULL && (port) != IPC_PORT_DEAD)

/* Limits of one message. */
#define IPC_MESSAGE_INLINE_MAX (1u << 20)
#define IPC_MESSAGE_OOL_MAX    (16u << 20)
#define IPC_SPACE_ENTRIES_MAX  (1u << 16)
/* Most user references a name holds (Mach's value; gnumach-dev does not define it). */
#ifndef MACH_PORT_UREFS_MAX
#define MACH_PORT_UREFS_MAX ((mach_port_urefs_t)((1 << 16) - 1))
#endif

/* The header of a message in kernel format: rights are port pointers. */
struct ipc_kernel_header {
	mach_msg_bits_t bits;
	mach_msg_size_t size;
	struct ipc_port *remote;
	union {
		struct ipc_port *local;
		uint64_t protected_payload;
	};
	mach_port_seqno_t seqno;
	mach_msg_id_t id;
};
_Static_assert(sizeof(struct ipc_kernel_header) == 32, "kernel header layout");
_Static_assert(sizeof(mach_msg_header_t) == 32, "user header layout");

struct ipc_thread_queue {
	struct ipc_thread *first;
	struct ipc_thread *last;
};

/* A message in flight, in kernel format (header then body). */
struct ipc_kmsg {
	struct ipc_kmsg *next;
	size_t buffer_size;        /* bytes allocated for header + body; 0 = not allocated */
	mach_msg_size_t user_size; /* msgh_size once copied out to a user task */
	bool sent_by_kernel;
	struct ipc_kernel_header header;
	/* body follows */
};
_Static_assert(sizeof(struct ipc_kmsg) <= 64, "fast path buffer room");
#define IPC_KMSG_BODY(kmsg) ((uint8_t *)(&(kmsg)->header + 1))

struct ipc_kmsg_queue {
	struct ipc_kmsg *first;
	struct ipc_kmsg *last;
	mach_port_msgcount_t count;
};

/* A dead-name request registered on a port by (space, name). */
struct ipc_dead_name_request {
	struct ipc_dead_name_request *next;
	struct ipc_space *space;
	mach_port_name_t name;
	struct ipc_port *notify; /* send-once right */
};

struct ipc_pset;

struct ipc_port {
	spinlock_t lock;            /* fast paths against each other: see ipc_fast_path.c */
	uint32_t references;        /* entries + rights in messages/kernel + temporary */
	bool active;                /* false once the receive right is destroyed */
	struct ipc_space *receiver; /* holder of the receive right; NULL in transit */
	mach_port_name_t receiver_name;
	struct ipc_port *in_transit_to; /* receive right in a message queued there (ref) */
	struct ipc_kmsg_queue messages;
	mach_port_msgcount_t qlimit;
	mach_port_seqno_t seqno;
	mach_port_mscount_t mscount;
	mach_port_rights_t send_rights;
	mach_port_rights_t send_once_rights;
	bool has_protected_payload;
	uint64_t protected_payload;
	struct ipc_pset *pset;
	struct ipc_port *pset_next;
	struct ipc_thread_queue receivers;       /* threads waiting to receive */
	struct ipc_thread_queue blocked_senders; /* threads waiting for queue room */
	struct ipc_port *no_senders_request;     /* send-once rights, or NULL */
	struct ipc_port *port_destroyed_request;
	struct ipc_dead_name_request *dead_name_requests;
	void *kobject;
	unsigned kobject_kind;
	struct ipc_port *destroy_next; /* in ipc_deferred.receive_rights_to_destroy */
};

struct ipc_pset {
	spinlock_t lock; /* fast paths against each other (receivers) */
	uint32_t references;
	bool active;
	struct ipc_space *space;
	mach_port_name_t name;
	struct ipc_port *members;
	struct ipc_thread_queue receivers;
};

/* One name in a space. object is a port or pset; types MACH_PORT_TYPE_* bits. */
struct ipc_entry {
	void *object;
	mach_port_type_t type;
	mach_port_urefs_t urefs;
	uint32_t generation; /* low 8 bits of the name */
	uint32_t next_free;  /* index, while free */
	bool in_use;
	bool dead_name_request;
};

#define IPC_NAME_INDEX(name)      ((name) >> 8)
#define IPC_NAME_GENERATION(name) ((name)&0xffu)
#define IPC_NAME(index, gen)      (((mach_port_name_t)(index) << 8) | ((gen)&0xffu))

struct ipc_space {
	spinlock_t lock; /* fast paths against each other (entries) */
	bool active;
	bool is_kernel;
	uint32_t references;
	struct ipc_entry *table;
	uint32_t capacity; /* slots; slot 0 is never used */
	uint32_t first_free;
	uint32_t entries_in_use;
};

enum ipc_wait_kind { IPC_WAITING_NONE, IPC_WAITING_RECEIVE, IPC_WAITING_SEND };

/* A notification decided under the lock, sent after it is dropped. */
struct ipc_deferred_notification {
	struct ipc_deferred_notification *next;
	mach_msg_id_t id;
	struct ipc_port *notify; /* send-once right */
	mach_port_name_t name;
	mach_port_mscount_t mscount;
	struct ipc_port *right; /* receive right, port-destroyed */
};

/* Work collected under the lock: receive rights to destroy (iteratively, so a
 * chain of ports in messages cannot exhaust the stack), notifications to send
 * and virtual copies of dropped messages to discard once the lock is dropped.
 * Start with IPC_DEFERRED_INIT. */
struct ipc_deferred {
	struct ipc_port *receive_rights_to_destroy;
	struct ipc_deferred_notification *notifications;
	struct ipc_vm_copy *vm_copies;
};
#define IPC_DEFERRED_INIT                                                                          \
	{                                                                                          \
		0, 0, 0                                                                            \
	}

/* The general lock and the fast-path gates (ipc_core.c). The general path takes
 * ipc_lock and then every gate, so it runs alone; a fast path takes only the gate
 * of its CPU, then per-object locks. Order: ipc_lock, gates by index, a space,
 * a port, a set (nothing is taken under a set's lock); a fast path holds at most
 * one port lock and one set lock at a time. */
#define IPC_FAST_GATES 4
extern spinlock_t ipc_lock;
extern spinlock_t ipc_fast_gates[IPC_FAST_GATES];
extern struct ipc_statistics ipc_stats;
extern struct ipc_space *ipc_space_kernel;

irq_state_t ipc_lock_acquire(void);
void ipc_lock_release(irq_state_t state);
/* Around ipc_host_sleep: the sleeper passes ipc_lock_release_for_sleep, which
 * drops the general lock and gates (interrupts stay off), and retakes them with
 * ipc_lock_reacquire. */
void ipc_lock_release_for_sleep(void);
void ipc_lock_reacquire(void);

/* Accounted memory (ipc_memory.c). */
void *ipc_memory_alloc(size_t size);
void ipc_memory_free(void *address, size_t size);

/* Ports (ipc_port.c). Called with ipc_lock held unless said otherwise. */
struct ipc_port *ipc_port_alloc(void);
void ipc_port_reference(struct ipc_port *port);
void ipc_port_release(struct ipc_port *port);
void ipc_port_add_send(struct ipc_port *port);
void ipc_port_add_send_once(struct ipc_port *port);
void ipc_port_drop_send(struct ipc_port *port, struct ipc_deferred *deferred);
void ipc_port_drop_send_once(struct ipc_port *port, struct ipc_deferred *deferred);
void ipc_port_make_send_locked(struct ipc_port *port);
/* Destroys the receive right (or sends it to its port-destroyed request), now
 * or, for ipc_port_destroy_receive_later, when the locked work is finished. */
void ipc_port_destroy_receive(struct ipc_port *port, struct ipc_deferred *deferred);
void ipc_port_destroy_receive_later(struct ipc_port *port, struct ipc_deferred *deferred);
void ipc_port_set_in_transit(struct ipc_port *port, struct ipc_port *destination);
void ipc_port_set_receiver(struct ipc_port *port, struct ipc_space *space, mach_port_name_t name);
bool ipc_port_is_circular(struct ipc_port *port, struct ipc_port *destination);
void ipc_port_cancel_dead_name_request(struct ipc_port *port, struct ipc_space *space,
                                       mach_port_name_t name, struct ipc_deferred *deferred,
                                       bool send_port_deleted);
/* Releases a right of type (a MACH_MSG_TYPE_PORT_* result type) held outside any space. */
void ipc_right_release(struct ipc_port *port, mach_msg_type_name_t type,
                       struct ipc_deferred *deferred);

/* Port sets (ipc_pset.c). */
struct ipc_pset *ipc_pset_alloc(void);
void ipc_pset_release(struct ipc_pset *pset);
void ipc_pset_add(struct ipc_pset *pset, struct ipc_port *port);
void ipc_pset_remove(struct ipc_port *port);
void ipc_pset_destroy(struct ipc_pset *pset);

/* Thread queues (ipc_thread.c). */
void ipc_thread_queue_append(struct ipc_thread_queue *queue, struct ipc_thread *thread);
bool ipc_thread_queue_remove(struct ipc_thread_queue *queue, struct ipc_thread *thread);
struct ipc_thread *ipc_thread_queue_pop(struct ipc_thread_queue *queue);
void ipc_thread_queue_wake_all(struct ipc_thread_queue *queue, mach_msg_return_t result);

/* Name spaces (ipc_space.c). */
struct ipc_entry *ipc_entry_lookup(struct ipc_space *space, mach_port_name_t name);
kern_return_t ipc_entry_alloc(struct ipc_space *space, mach_port_name_t *name,
                              struct ipc_entry **entry);
/* The next free slot, as ipc_entry_alloc would give it, without growing the
 * table: false when it is full. The general lock or the space's lock held. */
bool ipc_entry_take_free(struct ipc_space *space, mach_port_name_t *name, struct ipc_entry **entry);
kern_return_t ipc_entry_alloc_name(struct ipc_space *space, mach_port_name_t name,
                                   struct ipc_entry **entry);
void ipc_entry_free(struct ipc_space *space, mach_port_name_t name);
/* The name under which space holds send or receive rights for port. */
bool ipc_space_find_port(struct ipc_space *space, struct ipc_port *port, mach_port_name_t *name);
/* Drops whatever rights the entry holds (mach_port_destroy). */
void ipc_entry_destroy(struct ipc_space *space, mach_port_name_t name,
                       struct ipc_deferred *deferred);
/* Gives space a right (a MACH_MSG_TYPE_PORT_* result type) to port, consuming the caller's. */
kern_return_t ipc_space_copyout_right(struct ipc_space *space, struct ipc_port *port,
                                      mach_msg_type_name_t type, mach_port_name_t *name,
                                      struct ipc_deferred *deferred);
void ipc_space_reference(struct ipc_space *space);
void ipc_space_release(struct ipc_space *space);

/* Messages (ipc_kmsg.c). */
struct ipc_kmsg *ipc_kmsg_alloc(size_t kernel_size);
void ipc_kmsg_free(struct ipc_kmsg *kmsg);
/* Releases every right and buffer the message holds (lock held), then frees it
 * through deferred. */
void ipc_kmsg_clean(struct ipc_kmsg *kmsg, struct ipc_deferred *deferred);
/* Releases an out-of-line data slot of size bytes (a buffer or a virtual copy);
 * under the lock a copy goes to deferred, without it (deferred NULL) at once. */
void ipc_ool_release(void *slot, size_t size, struct ipc_deferred *deferred);
/* Without the lock, for a kernel receiver: every virtual copy in kmsg's body
 * becomes a kernel buffer. False when memory ran out (the copies that could
 * not be read are released and their slots left NULL). */
bool ipc_kmsg_copies_to_buffers(struct ipc_kmsg *kmsg);
void ipc_kmsg_enqueue(struct ipc_kmsg_queue *queue, struct ipc_kmsg *kmsg);
struct ipc_kmsg *ipc_kmsg_dequeue(struct ipc_kmsg_queue *queue);

/* Message bodies (ipc_body.c): walking typed items. */
struct ipc_item {
	mach_msg_type_name_t name;
	mach_msg_type_size_t size_bits;
	mach_msg_type_number_t number;
	bool is_inline;
	bool deallocate;
	size_t header_size; /* 4 or 12 */
	size_t
	    data_size; /* bytes of the item's data in this format (inline: rounded to 4; OOL: 8) */
	size_t ool_size; /* OOL: bytes of the out-of-line data in this format */
	bool is_port;
};
/* Parses the item at body[offset], in user or kernel format. */
mach_msg_return_t ipc_item_parse(const uint8_t *body, size_t body_size, size_t offset,
                                 bool kernel_format, struct ipc_item *item);
mach_msg_type_name_t ipc_disposition_result(mach_msg_type_name_t disposition);

/* A walk over the items of a kernel-format message's body (none unless the
 * message is complex):
 *     struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
 *     while (ipc_body_walk_next(&walk))
 *             use walk.item, walk.header (its type descriptor), walk.data
 * walk.data is the inline data, or the slot holding the out-of-line pointer. */
struct ipc_body_walk {
	uint8_t *body;
	size_t size;
	size_t next_offset;
	struct ipc_item item;
	uint8_t *header;
	uint8_t *data;
};
struct ipc_body_walk ipc_body_walk_begin(struct ipc_kmsg *kmsg);
bool ipc_body_walk_next(struct ipc_body_walk *walk);

/* Deferred work (ipc_notify.c). */
void ipc_defer_notification(struct ipc_deferred *deferred, mach_msg_id_t id,
                            struct ipc_port *notify, mach_port_name_t name,
                            mach_port_mscount_t mscount, struct ipc_port *right);
/* Finishes the locked work, drops the lock, sends the notifications. */
void ipc_unlock_and_flush(irq_state_t state, struct ipc_deferred *deferred);

/* Copyin (ipc_copyin.c): a user-format message becomes a kernel-format kmsg in
 * three steps. prepare (no lock): checks the syntax, allocates the kmsg, copies
 * inline and out-of-line data in. rights (lock held): names become rights; on
 * failure everything is undone and the space is as before. finish (no lock,
 * after a successful send): releases the sender's deallocated OOL ranges. */
struct ipc_copyin_record {
	uint32_t index;         /* entry slot changed */
	struct ipc_entry saved; /* the entry before */
	struct ipc_port *port;
	uint8_t delta; /* what was done to the port's counts */
};
struct ipc_copyin {
	struct ipc_space *space;
	const uint8_t *user_message; /* user format, user_size bytes */
	size_t user_size;
	struct ipc_kmsg *kmsg;
	struct ipc_copyin_record *records;
	size_t record_count;
	size_t record_capacity;
	struct ipc_port *destination;
	uint8_t destination_checked; /* 0: not yet; 1: not a kernel object; 2: a kernel object */
	struct ipc_copyin_record inline_records[2];
};
mach_msg_return_t ipc_copyin_prepare(struct ipc_copyin *copyin, struct ipc_space *space,
                                     const uint8_t *user_message, size_t user_size,
                                     struct ipc_kmsg *preallocated, size_t preallocated_size);
/* The destination port the header names (no change made), for queue checks. */
mach_msg_return_t ipc_copyin_peek_destination(struct ipc_copyin *copyin, struct ipc_port **port);
mach_msg_return_t ipc_copyin_rights(struct ipc_copyin *copyin, struct ipc_deferred *deferred);
/* After a failure before or in ipc_copyin_rights: frees the kmsg and buffers. */
void ipc_copyin_abandon(struct ipc_copyin *copyin);
void ipc_copyin_finish(struct ipc_copyin *copyin);
/* A kernel-format message from the kernel: dispositions applied in place. */
void ipc_kmsg_copyin_kernel(struct ipc_kmsg *kmsg);

/* Copyout (ipc_copyout.c): rights become names in space under the lock, then
 * without it out-of-line data is copied into the task and the user-format
 * message written at user_address. The kmsg is freed. */
mach_msg_return_t ipc_copyout_rights(struct ipc_space *space, struct ipc_kmsg *kmsg,
                                     struct ipc_deferred *deferred);
/* The header's destination as a receiver in space sees it: the name of the
 * receive right there (null elsewhere) or, when the port has one, its protected
 * payload. Read while the message still holds its right to the port. */
struct ipc_destination_view {
	uint64_t word;
	mach_msg_type_name_t type; /* the right's type, or MACH_MSG_TYPE_PROTECTED_PAYLOAD */
};
struct ipc_destination_view ipc_copyout_destination(struct ipc_space *space,
                                                    const struct ipc_kernel_header *header);
/* The header turned round for the receiver: the reply right's name in remote,
 * the destination's view in local, the bits to match. */
void ipc_copyout_header(struct ipc_kernel_header *header, struct ipc_destination_view destination,
                        mach_port_name_t reply_name);
mach_msg_return_t ipc_copyout_to_user(struct ipc_space *space, struct ipc_kmsg *kmsg,
                                      uint64_t user_address, mach_msg_return_t rights_result);
/* The user-format size of a kernel-format message. */
mach_msg_size_t ipc_kmsg_user_size(struct ipc_kmsg *kmsg);

/* Queues (ipc_mqueue.c). */
/* Delivers kmsg to destination: to a waiting receiver or the queue. The message
 * holds the destination right. Lock held. */
void ipc_mqueue_deliver(struct ipc_port *destination, struct ipc_kmsg *kmsg,
                        struct ipc_deferred *deferred);
bool ipc_mqueue_full(const struct ipc_port *port);
/* Takes the next message for name in space, waiting as option/timeout say.
 * Returns with the lock held (*state kept), except when *fast is set: then the
 * fast path finished the receive of a message a fast-path sender handed over
 * (its rights are names in space already) and no lock is held (interrupts
 * still off). On MACH_RCV_TOO_LARGE *too_large_size is the size needed. */
mach_msg_return_t ipc_mqueue_receive(struct ipc_space *space, mach_port_name_t name,
                                     mach_msg_option_t option, mach_msg_size_t receive_limit,
                                     mach_msg_timeout_t timeout, struct ipc_kmsg **kmsg,
                                     mach_msg_size_t *too_large_size, struct ipc_deferred *deferred,
                                     bool *fast);
/* Receives on a port the kernel holds (mach_msg_rpc_from_kernel). */
mach_msg_return_t ipc_mqueue_receive_port(struct ipc_port *port, struct ipc_kmsg **kmsg);
/* Waits for room in destination's queue. Lock held; may drop and retake it. */
mach_msg_return_t ipc_mqueue_wait_for_room(struct ipc_port *destination, mach_msg_option_t option,
                                           mach_msg_timeout_t timeout);

/* The fast path (ipc_fast_path.c): a small simple request or reply handed to a
 * waiting receiver without the general lock. False: nothing was done, take the
 * general path. No lock held. */
bool ipc_fast_path_send(struct ipc_space *space, const uint8_t *message, mach_msg_size_t send_size);
/* The receiver's half: once self's wait for waited_port or waited_set (one is
 * NULL) has ended, finishes the receive of a message a fast-path sender handed
 * over, as ipc_copyout_rights would, without the general lock: returns the
 * message, its header in names, the wait's reference dropped. NULL: nothing was
 * done, the general path finishes. Interrupts off, no lock held. */
struct ipc_kmsg *ipc_fast_path_receive(struct ipc_space *space, struct ipc_thread *self,
                                       struct ipc_port *waited_port, struct ipc_pset *waited_set);

/* Kernel objects (ipc_kobject.c): serves a request sent to a kernel port. No lock held. */
void ipc_kobject_serve(struct ipc_kmsg *request);
/* Serves a message the kernel itself sent to a kernel port (a notification):
 * one-way, its destination right used up without a send-once notification. */
void ipc_kobject_serve_from_kernel(struct ipc_kmsg *message);

#endif
