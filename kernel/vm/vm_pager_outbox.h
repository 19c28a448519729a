/* Messages to external pagers decided under vm_lock and sent after it is
 * dropped (a kernel send takes IPC locks and allocates): a FIFO drained by
 * vm_lock_release, so each pager sees them in the order they were decided. */
#ifndef WB_VM_VM_PAGER_OUTBOX_H
#define WB_VM_VM_PAGER_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/vm_prot.h>

struct ipc_port;
struct vm_object;

enum pager_outbox_kind {
	PAGER_OUTBOX_INIT,
	PAGER_OUTBOX_DATA_REQUEST,
	PAGER_OUTBOX_DATA_UNLOCK,
	PAGER_OUTBOX_DATA_RETURN,
	PAGER_OUTBOX_LOCK_COMPLETED,
	PAGER_OUTBOX_SUPPLY_COMPLETED,
	PAGER_OUTBOX_CHANGE_COMPLETED,
	PAGER_OUTBOX_TERMINATE,
};

struct pager_outbox_message {
	enum pager_outbox_kind kind;
	/* The destination: a send right of the message's own (the pager's, or
	 * the reply port given with a lock_request / change_attributes / supply). */
	struct ipc_port *destination;
	unsigned destination_type;       /* MACH_MSG_TYPE_PORT_SEND or _SEND_ONCE (replies) */
	struct ipc_port *control, *name; /* the object's ports (terminate: moved) */
	uint64_t offset, length;
	vm_prot_t access;
	void *data; /* data_return: an ipc_kernel_ool_alloc buffer of length bytes */
	bool dirty, kernel_copy, may_cache;
	int copy_strategy;
	int result; /* supply_completed */
	struct pager_outbox_message *next;
};

/* A termination is a message allocated with its object, so that ending an
 * object never fails for want of memory. */
struct vm_pager_termination {
	struct pager_outbox_message message;
};

void vm_pager_outbox_init(void);
/* Under vm_lock: a zeroed message of kind for object (destination: a new send
 * right to its pager, control and name set), or NULL when memory is out. */
struct pager_outbox_message *vm_pager_outbox_new(struct vm_object *object,
                                                 enum pager_outbox_kind kind);
/* A message for a reply port (a right the message takes over), or NULL (the
 * right is then released after vm_lock is dropped: see vm_pager_outbox_drop). */
struct pager_outbox_message *vm_pager_outbox_reply(struct vm_object *object,
                                                   enum pager_outbox_kind kind,
                                                   struct ipc_port *reply_to, unsigned reply_type);
/* Frees a message never posted (its rights and data are the caller's). */
void vm_pager_outbox_discard(struct pager_outbox_message *message);
/* Under vm_lock: queues message last. */
void vm_pager_outbox_post(struct pager_outbox_message *message);
/* Under vm_lock: whether anything waits to be sent (read without the lock by
 * vm_lock_release as a hint). */
extern volatile bool vm_pager_outbox_pending;
/* Without vm_lock or any other spinlock: sends everything queued. */
void vm_pager_outbox_flush(void);
/* Termination records: made with an object, freed by the flush after sending. */
struct vm_pager_termination *vm_pager_termination_alloc(void);
void vm_pager_termination_free(struct vm_pager_termination *termination);

#endif
