/* The fast path: a small simple request or reply copied straight into a waiting
 * receiver's buffer under this CPU's gate, the sender's space lock and one port
 * lock at a time, never the general lock; and the receiver's half, the names
 * of such a message made in its space under the same kind of locks. Anything
 * unusual: nothing done, the general path does it. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

/* What the fast path may read without a port lock: fields only the general path
 * writes (active, kobject_kind, pset, messages, receiver, receiver_name, the
 * protected payload, the space's active, table and capacity), stable while a
 * gate is held. What fast paths write is guarded by the space lock (entries,
 * free list) or the port lock (counts, references, seqno, waiting receivers;
 * for a waiter on a set, the set's lock too, which also guards the set's
 * references against fast receivers).
 *
 * The hand-over: a sender that takes a waiting receiver off its queue owns the
 * receiver's IPC state. It fills the receiver's buffer, sets received last
 * (release), wakes the receiver and asks for the hand-off, all before it drops
 * the destination's lock. The woken receiver reads received (acquire); if it is
 * its buffer, taking the destination's lock waits for the sender to be done
 * with it. Otherwise (a wake by timeout or interruption racing the sender) it
 * takes the general path, which waits for every fast section to end. */

/* The live port a name in space denotes with one of the types wanted, without
 * turning a dead port's entry into a dead name (the general path does that). */
static struct ipc_entry *fast_lookup(struct ipc_space *space, mach_port_name_t name,
                                     mach_port_type_t wanted)
{
	uint32_t index = IPC_NAME_INDEX(name);
	if (!space->active || index == 0 || index >= space->capacity)
		return NULL;
	struct ipc_entry *entry = &space->table[index];
	if (!entry->in_use || entry->generation != IPC_NAME_GENERATION(name) ||
	    !(entry->type & wanted) || entry->dead_name_request)
		return NULL;
	struct ipc_port *port = entry->object;
	if (!port->active || port->kobject_kind != 0)
		return NULL;
	return entry;
}

/* A send-once right to port counted, or its count taken back, under its lock;
 * never the last reference. */
static void count_send_once(struct ipc_port *port, bool add)
{
	spin_lock(&port->lock);
	if (add) {
		port->send_once_rights++;
		port->references++;
	} else {
		port->send_once_rights--;
		port->references--;
	}
	spin_unlock(&port->lock);
}

/* Destination's waiting receiver that can take size bytes, taken off its queue;
 * destination's lock held. NULL: none (nothing changed). */
static struct ipc_thread *take_receiver(struct ipc_port *destination, mach_msg_size_t size)
{
	if (destination->messages.first)
		return NULL;
	struct ipc_thread *receiver = destination->receivers.first;
	if (receiver) {
		if (!receiver->fast_path_ready || receiver->receive_limit < size)
			return NULL;
		ipc_thread_queue_remove(&destination->receivers, receiver);
		return receiver;
	}
	struct ipc_pset *pset = destination->pset;
	if (!pset)
		return NULL;
	spin_lock(&pset->lock);
	receiver = pset->receivers.first;
	if (receiver && receiver->fast_path_ready && receiver->receive_limit >= size)
		ipc_thread_queue_remove(&pset->receivers, receiver);
	else
		receiver = NULL;
	spin_unlock(&pset->lock);
	return receiver;
}

/* The destination entry's right moves or is copied into the message (space lock
 * held, destination's lock held). */
static void take_destination_right(struct ipc_space *space, mach_port_name_t name,
                                   struct ipc_entry *entry, mach_msg_type_name_t disposition)
{
	struct ipc_port *port = entry->object;
	if (disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		entry->type = 0;
	} else if (disposition == MACH_MSG_TYPE_COPY_SEND || entry->urefs > 1) {
		if (disposition == MACH_MSG_TYPE_MOVE_SEND)
			entry->urefs--;
		ipc_port_add_send(port);
		return;
	} else {
		entry->type &= ~MACH_PORT_TYPE_SEND;
	}
	entry->urefs = 0;
	if (entry->type == 0)
		ipc_entry_free(space, name);
}

bool ipc_fast_path_send(struct ipc_space *space, const uint8_t *message, mach_msg_size_t send_size)
{
	mach_msg_header_t header;
	memcpy(&header, message, sizeof(header));
	mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(header.msgh_bits);
	mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(header.msgh_bits);
	if ((header.msgh_bits & ~MACH_MSGH_BITS_PORTS_MASK) ||
	    send_size - sizeof(header) > IPC_FAST_PATH_BODY_MAX ||
	    (local == 0) != (header.msgh_local_port == MACH_PORT_NULL))
		return false;
	irq_state_t state = irq_save_disable();
	spinlock_t *gate = &ipc_fast_gates[ipc_host_cpu() % IPC_FAST_GATES];
	spin_lock(gate);
	spin_lock(&space->lock);
	mach_port_type_t needed =
	    remote == MACH_MSG_TYPE_MOVE_SEND_ONCE ? MACH_PORT_TYPE_SEND_ONCE : MACH_PORT_TYPE_SEND;
	struct ipc_entry *entry = fast_lookup(space, header.msgh_remote_port, needed);
	struct ipc_entry *reply_entry = NULL;
	if (entry && local)
		reply_entry = fast_lookup(space, header.msgh_local_port, MACH_PORT_TYPE_RECEIVE);
	struct ipc_thread *receiver = NULL;
	struct ipc_port *destination = entry ? entry->object : NULL;
	struct ipc_port *reply = reply_entry ? reply_entry->object : IPC_PORT_NULL;
	if (destination && (!local || reply)) {
		/* The reply right is counted before the receiver can see it, and taken
		 * back if there is none: its port cannot die meanwhile (only a general
		 * section can destroy it), and its receive right, in this locked space,
		 * keeps a reference. One port lock at a time. */
		if (reply)
			count_send_once(reply, true);
		spin_lock(&destination->lock);
		receiver = take_receiver(destination, send_size);
		if (!receiver) {
			spin_unlock(&destination->lock);
			if (reply)
				count_send_once(reply, false);
		}
	}
	if (!receiver) {
		spin_unlock(&space->lock);
		spin_unlock(gate);
		irq_restore(state);
		return false;
	}
	/* Committed: the receiver is ours, nothing below can fail. */
	struct ipc_kmsg *buffer = (struct ipc_kmsg *)receiver->fast_message;
	memset(buffer, 0, sizeof(*buffer));
	buffer->user_size = send_size;
	buffer->header.bits =
	    MACH_MSGH_BITS(ipc_disposition_result(remote), ipc_disposition_result(local));
	buffer->header.size = send_size;
	buffer->header.remote = destination;
	buffer->header.local = reply;
	buffer->header.id = header.msgh_id;
	buffer->header.seqno = destination->seqno++;
	memcpy(IPC_KMSG_BODY(buffer), message + sizeof(header), send_size - sizeof(header));
	take_destination_right(space, header.msgh_remote_port, entry, remote);
	receiver->wait_kind = IPC_WAITING_NONE;
	receiver->waiting_on = NULL;
	receiver->fast_path_ready = false;
	__atomic_store_n(&receiver->received, buffer, __ATOMIC_RELEASE);
	/* Under the destination's lock: the receiver cannot finish its receive (nor
	 * its thread end) before both are done. */
	ipc_host_wakeup(receiver);
	ipc_host_handoff(receiver);
	spin_unlock(&destination->lock);
	__atomic_add_fetch(&ipc_stats.fast_path_hits, 1, __ATOMIC_RELAXED);
	spin_unlock(&space->lock);
	spin_unlock(gate);
	irq_restore(state);
	return true;
}

/* Whether the message's rights can become names without the general path:
 * nothing but counts changes (no port freed, no notification, no table growth).
 * Gate and space lock held; takes the destination's lock (and the waited set's)
 * and keeps them when true. */
static bool receive_is_simple(struct ipc_space *space, const struct ipc_kernel_header *header,
                              struct ipc_port *waited_port, struct ipc_pset *waited_set)
{
	struct ipc_port *destination = header->remote;
	struct ipc_port *reply = header->local;
	/* Fields only general sections write. */
	if (!space->active || !destination->active || destination->receiver != space ||
	    (waited_port && waited_port != destination) ||
	    (reply && (!reply->active || !space->first_free)))
		return false;
	spin_lock(&destination->lock);
	uint32_t drops = waited_port ? 2 : 1; /* the message's right, the wait's reference */
	bool last_sender = MACH_MSGH_BITS_REMOTE(header->bits) == MACH_MSG_TYPE_PORT_SEND &&
	                   destination->send_rights == 1 && destination->no_senders_request;
	if (destination->references <= drops || last_sender) {
		spin_unlock(&destination->lock);
		return false;
	}
	if (waited_set) {
		spin_lock(&waited_set->lock);
		if (waited_set->references <= 1) {
			spin_unlock(&waited_set->lock);
			spin_unlock(&destination->lock);
			return false;
		}
	}
	return true;
}

struct ipc_kmsg *ipc_fast_path_receive(struct ipc_space *space, struct ipc_thread *self,
                                       struct ipc_port *waited_port, struct ipc_pset *waited_set)
{
	struct ipc_kmsg *kmsg = __atomic_load_n(&self->received, __ATOMIC_ACQUIRE);
	if (kmsg != (struct ipc_kmsg *)self->fast_message)
		return NULL; /* nothing, or a message the general path delivered */
	struct ipc_kernel_header *header = &kmsg->header;
	spinlock_t *gate = &ipc_fast_gates[ipc_host_cpu() % IPC_FAST_GATES];
	spin_lock(gate);
	spin_lock(&space->lock);
	if (!receive_is_simple(space, header, waited_port, waited_set)) {
		spin_unlock(&space->lock);
		spin_unlock(gate);
		return NULL;
	}
	/* Committed: what ipc_copyout_rights and the end of the wait would do. */
	struct ipc_port *destination = header->remote;
	struct ipc_port *reply = header->local;
	struct ipc_destination_view view = ipc_copyout_destination(space, header);
	if (MACH_MSGH_BITS_REMOTE(header->bits) == MACH_MSG_TYPE_PORT_SEND)
		destination->send_rights--;
	else
		destination->send_once_rights--;
	destination->references -= waited_port ? 2 : 1;
	if (waited_set) {
		waited_set->references--;
		spin_unlock(&waited_set->lock);
	}
	spin_unlock(&destination->lock);
	mach_port_name_t reply_name = MACH_PORT_NULL;
	struct ipc_entry *entry;
	if (reply && ipc_entry_take_free(space, &reply_name, &entry)) {
		entry->object = reply; /* the message's send-once right moves here */
		entry->type = MACH_PORT_TYPE_SEND_ONCE;
		entry->urefs = 1;
	}
	ipc_copyout_header(header, view, reply_name);
	self->wait_kind = IPC_WAITING_NONE;
	self->waiting_on = NULL;
	self->fast_path_ready = false;
	__atomic_store_n(&self->received, NULL, __ATOMIC_RELAXED);
	__atomic_add_fetch(&ipc_stats.fast_path_receives, 1, __ATOMIC_RELAXED);
	spin_unlock(&space->lock);
	spin_unlock(gate);
	return kmsg;
}
