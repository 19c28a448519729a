/* The pagers' outbox (see vm_pager_outbox.h): a FIFO of messages in a counted
 * zone, drained by one CPU at a time so that order is kept. */
#include "vm/vm_pager_outbox.h"
#include "vm/vm_lock.h"
#include "vm/vm_object.h"
#include "kern/zone.h"
#include "kserver/pager_messages.h"
#include "ipc/ipc_kernel.h"
#include <mach/message.h>

#define OUTBOX_LIMIT 65536

static struct zone message_zone, termination_zone;
static struct pager_outbox_message *first, *last; /* under vm_lock */
static bool flushing;                             /* under vm_lock: a CPU drains */
volatile bool vm_pager_outbox_pending;

void vm_pager_outbox_init(void)
{
	zone_init(&message_zone, "pager message", sizeof(struct pager_outbox_message),
	          OUTBOX_LIMIT);
	zone_init(&termination_zone, "pager termination", sizeof(struct vm_pager_termination),
	          OUTBOX_LIMIT);
}

struct pager_outbox_message *vm_pager_outbox_new(struct vm_object *object,
                                                 enum pager_outbox_kind kind)
{
	struct pager_outbox_message *message = zone_alloc(&message_zone);
	if (!message)
		return NULL;
	message->kind = kind;
	message->destination = ipc_port_copy_send(object->pager);
	message->destination_type = MACH_MSG_TYPE_PORT_SEND;
	message->control = object->control;
	message->name = object->name;
	return message;
}

struct pager_outbox_message *vm_pager_outbox_reply(struct vm_object *object,
                                                   enum pager_outbox_kind kind,
                                                   struct ipc_port *reply_to, unsigned reply_type)
{
	struct pager_outbox_message *message = zone_alloc(&message_zone);
	if (!message)
		return NULL;
	message->kind = kind;
	message->destination = reply_to;
	message->destination_type = reply_type;
	message->control = object->control;
	message->name = object->name;
	return message;
}

void vm_pager_outbox_discard(struct pager_outbox_message *message)
{
	zone_free(&message_zone, message);
}

void vm_pager_outbox_post(struct pager_outbox_message *message)
{
	message->next = NULL;
	if (last)
		last->next = message;
	else
		first = message;
	last = message;
	__atomic_store_n(&vm_pager_outbox_pending, true, __ATOMIC_RELEASE);
}

static void free_message(struct pager_outbox_message *message)
{
	if (message->kind == PAGER_OUTBOX_TERMINATE)
		vm_pager_termination_free((struct vm_pager_termination *)message);
	else
		zone_free(&message_zone, message);
}

void vm_pager_outbox_flush(void)
{
	vm_lock_acquire_raw();
	if (flushing || !first) {
		vm_lock_release_raw();
		return;
	}
	flushing = true;
	for (;;) {
		struct pager_outbox_message *message = first;
		if (!message) {
			flushing = false;
			__atomic_store_n(&vm_pager_outbox_pending, false, __ATOMIC_RELEASE);
			vm_lock_release_raw();
			return;
		}
		first = message->next;
		if (!first)
			last = NULL;
		vm_lock_release_raw();
		bool sent = pager_message_send(message);
		vm_lock_acquire_raw();
		if (!sent) {
			/* No memory for it now: first again, tried at a later flush
			 * (a waiting fault's poll releases vm_lock every 100 ms). */
			message->next = first;
			first = message;
			if (!last)
				last = message;
			flushing = false;
			vm_lock_release_raw();
			return;
		}
		free_message(message);
	}
}

struct vm_pager_termination *vm_pager_termination_alloc(void)
{
	return zone_alloc(&termination_zone);
}

void vm_pager_termination_free(struct vm_pager_termination *termination)
{
	zone_free(&termination_zone, termination);
}
