/* The semantics of mach_port.defs on a space: names and types, allocation,
 * references, queue limits, port sets, notification requests, moving rights
 * in and out, status, sequence numbers and protected payloads. */
#include "ipc/ipc_mach_port.h"
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"
#include <mach/notify.h>

#define BEGIN()                                                                                    \
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;                                          \
	irq_state_t lock_state = ipc_lock_acquire()
#define END(result)                                                                                \
	do {                                                                                       \
		kern_return_t end_result = (result);                                               \
		ipc_unlock_and_flush(lock_state, &deferred);                                       \
		return end_result;                                                                 \
	} while (0)

static mach_port_type_t visible_type(const struct ipc_entry *entry)
{
	return entry->type | (entry->dead_name_request ? MACH_PORT_TYPE_DNREQUEST : 0);
}

/* The port behind a receive right named name, or NULL. */
static struct ipc_port *receive_port(struct ipc_space *space, mach_port_name_t name,
                                     kern_return_t *error)
{
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	*error = entry ? KERN_INVALID_RIGHT : KERN_INVALID_NAME;
	return entry && (entry->type & MACH_PORT_TYPE_RECEIVE) ? entry->object : NULL;
}

kern_return_t ipc_mach_port_names(struct ipc_space *space, mach_port_name_t **names,
                                  mach_msg_type_number_t *names_count, mach_port_type_t **types,
                                  mach_msg_type_number_t *types_count)
{
	for (;;) {
		irq_state_t state = ipc_lock_acquire();
		uint32_t count = space->active ? space->entries_in_use : 0;
		ipc_lock_release(state);
		mach_port_name_t *name_array = ipc_kernel_ool_alloc(count * sizeof(*name_array));
		mach_port_type_t *type_array = ipc_kernel_ool_alloc(count * sizeof(*type_array));
		if (!name_array || !type_array) {
			ipc_kernel_ool_free(name_array, count * sizeof(*name_array));
			ipc_kernel_ool_free(type_array, count * sizeof(*type_array));
			return KERN_RESOURCE_SHORTAGE;
		}
		state = ipc_lock_acquire();
		if (space->active && space->entries_in_use != count) {
			ipc_lock_release(state);
			ipc_kernel_ool_free(name_array, count * sizeof(*name_array));
			ipc_kernel_ool_free(type_array, count * sizeof(*type_array));
			continue;
		}
		uint32_t found = 0;
		for (uint32_t index = 1; space->active && index < space->capacity && found < count;
		     index++) {
			struct ipc_entry *entry = &space->table[index];
			if (!entry->in_use)
				continue;
			mach_port_name_t name = IPC_NAME(index, entry->generation);
			entry = ipc_entry_lookup(space, name);
			name_array[found] = name;
			type_array[found] = visible_type(entry);
			found++;
		}
		ipc_lock_release(state);
		*names = name_array;
		*types = type_array;
		*names_count = *types_count = found;
		return KERN_SUCCESS;
	}
}

kern_return_t ipc_mach_port_type(struct ipc_space *space, mach_port_name_t name,
                                 mach_port_type_t *type)
{
	BEGIN();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		END(KERN_INVALID_NAME);
	*type = visible_type(entry);
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_rename(struct ipc_space *space, mach_port_name_t old_name,
                                   mach_port_name_t new_name)
{
	BEGIN();
	struct ipc_entry *old_entry = ipc_entry_lookup(space, old_name), *new_entry;
	if (!old_entry)
		END(KERN_INVALID_NAME);
	kern_return_t result = ipc_entry_alloc_name(space, new_name, &new_entry);
	if (result != KERN_SUCCESS)
		END(result);
	old_entry = ipc_entry_lookup(space, old_name); /* the table may have moved */
	new_entry->object = old_entry->object;
	new_entry->type = old_entry->type;
	new_entry->urefs = old_entry->urefs;
	new_entry->dead_name_request = old_entry->dead_name_request;
	if (new_entry->type & MACH_PORT_TYPE_RECEIVE)
		((struct ipc_port *)new_entry->object)->receiver_name = new_name;
	if (new_entry->type & MACH_PORT_TYPE_PORT_SET)
		((struct ipc_pset *)new_entry->object)->name = new_name;
	if (new_entry->dead_name_request) {
		struct ipc_port *port = new_entry->object;
		for (struct ipc_dead_name_request *request = port->dead_name_requests; request;
		     request = request->next)
			if (request->space == space && request->name == old_name)
				request->name = new_name;
	}
	ipc_entry_free(space, old_name);
	END(KERN_SUCCESS);
}

static kern_return_t fill_new_entry(struct ipc_entry *entry, mach_port_right_t right,
                                    mach_port_name_t name, struct ipc_space *space)
{
	if (right == MACH_PORT_RIGHT_RECEIVE) {
		struct ipc_port *port = ipc_port_alloc();
		if (!port)
			return KERN_RESOURCE_SHORTAGE;
		entry->object = port;
		entry->type = MACH_PORT_TYPE_RECEIVE;
		ipc_port_set_receiver(port, space, name);
	} else if (right == MACH_PORT_RIGHT_PORT_SET) {
		struct ipc_pset *pset = ipc_pset_alloc();
		if (!pset)
			return KERN_RESOURCE_SHORTAGE;
		pset->space = space;
		pset->name = name;
		entry->object = pset;
		entry->type = MACH_PORT_TYPE_PORT_SET;
	} else {
		entry->type = MACH_PORT_TYPE_DEAD_NAME;
		entry->urefs = 1;
	}
	return KERN_SUCCESS;
}

static bool allocatable(mach_port_right_t right)
{
	return right == MACH_PORT_RIGHT_RECEIVE || right == MACH_PORT_RIGHT_PORT_SET ||
	       right == MACH_PORT_RIGHT_DEAD_NAME;
}

kern_return_t ipc_mach_port_allocate_name(struct ipc_space *space, mach_port_right_t right,
                                          mach_port_name_t name)
{
	if (!allocatable(right))
		return KERN_INVALID_VALUE;
	BEGIN();
	struct ipc_entry *entry;
	kern_return_t result = ipc_entry_alloc_name(space, name, &entry);
	if (result == KERN_SUCCESS &&
	    (result = fill_new_entry(entry, right, name, space)) != KERN_SUCCESS)
		ipc_entry_free(space, name);
	END(result);
}

kern_return_t ipc_mach_port_allocate(struct ipc_space *space, mach_port_right_t right,
                                     mach_port_name_t *name)
{
	if (!allocatable(right))
		return KERN_INVALID_VALUE;
	BEGIN();
	struct ipc_entry *entry;
	kern_return_t result = ipc_entry_alloc(space, name, &entry);
	if (result == KERN_SUCCESS &&
	    (result = fill_new_entry(entry, right, *name, space)) != KERN_SUCCESS)
		ipc_entry_free(space, *name);
	END(result);
}

kern_return_t ipc_mach_port_destroy(struct ipc_space *space, mach_port_name_t name)
{
	BEGIN();
	if (!ipc_entry_lookup(space, name))
		END(KERN_INVALID_NAME);
	ipc_entry_destroy(space, name, &deferred);
	END(KERN_SUCCESS);
}

/* Removes the entry if it holds nothing any more, cancelling a dead-name request. */
static void entry_tidy(struct ipc_space *space, mach_port_name_t name, struct ipc_entry *entry,
                       struct ipc_port *port, struct ipc_deferred *deferred)
{
	if (entry->dead_name_request &&
	    !(entry->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE))) {
		entry->dead_name_request = false;
		ipc_port_cancel_dead_name_request(port, space, name, deferred, true);
	}
	if (entry->type == 0)
		ipc_entry_free(space, name);
}

/* Changes the user references of one right of an entry. */
static kern_return_t change_refs(struct ipc_space *space, mach_port_name_t name,
                                 mach_port_right_t right, mach_port_delta_t delta,
                                 struct ipc_deferred *deferred)
{
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	struct ipc_port *port = entry->object;
	switch (right) {
	case MACH_PORT_RIGHT_SEND:
	case MACH_PORT_RIGHT_DEAD_NAME: {
		mach_port_type_t type =
		    right == MACH_PORT_RIGHT_SEND ? MACH_PORT_TYPE_SEND : MACH_PORT_TYPE_DEAD_NAME;
		if (!(entry->type & type))
			return delta == 0 && !(entry->type & MACH_PORT_TYPE_DEAD_NAME)
			           ? KERN_SUCCESS
			           : KERN_INVALID_RIGHT;
		int64_t urefs = (int64_t)entry->urefs + delta;
		if (urefs < 0)
			return KERN_INVALID_VALUE;
		if (urefs > MACH_PORT_UREFS_MAX)
			return KERN_UREFS_OVERFLOW;
		entry->urefs = (mach_port_urefs_t)urefs;
		if (urefs == 0) {
			entry->type &= ~type;
			if (type == MACH_PORT_TYPE_SEND) {
				entry_tidy(space, name, entry, port, deferred);
				ipc_port_drop_send(port, deferred);
			} else {
				ipc_entry_free(space, name);
			}
		}
		return KERN_SUCCESS;
	}
	case MACH_PORT_RIGHT_SEND_ONCE:
		if (!(entry->type & MACH_PORT_TYPE_SEND_ONCE))
			return KERN_INVALID_RIGHT;
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		entry->type = 0;
		entry_tidy(space, name, entry, port, deferred);
		ipc_right_release(port, MACH_MSG_TYPE_PORT_SEND_ONCE, deferred);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_RECEIVE:
		if (!(entry->type & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		entry->type &= ~MACH_PORT_TYPE_RECEIVE;
		if (entry->type == 0)
			ipc_entry_free(space, name);
		ipc_port_destroy_receive_later(port, deferred);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_PORT_SET:
		if (!(entry->type & MACH_PORT_TYPE_PORT_SET))
			return KERN_INVALID_RIGHT;
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		ipc_entry_free(space, name);
		ipc_pset_destroy((struct ipc_pset *)port);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_VALUE;
	}
}

kern_return_t ipc_mach_port_deallocate(struct ipc_space *space, mach_port_name_t name)
{
	BEGIN();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	kern_return_t result = KERN_INVALID_NAME;
	if (entry && (entry->type & MACH_PORT_TYPE_SEND))
		result = change_refs(space, name, MACH_PORT_RIGHT_SEND, -1, &deferred);
	else if (entry && (entry->type & MACH_PORT_TYPE_SEND_ONCE))
		result = change_refs(space, name, MACH_PORT_RIGHT_SEND_ONCE, -1, &deferred);
	else if (entry && (entry->type & MACH_PORT_TYPE_DEAD_NAME))
		result = change_refs(space, name, MACH_PORT_RIGHT_DEAD_NAME, -1, &deferred);
	else if (entry)
		result = KERN_INVALID_RIGHT;
	END(result);
}

kern_return_t ipc_mach_port_mod_refs(struct ipc_space *space, mach_port_name_t name,
                                     mach_port_right_t right, mach_port_delta_t delta)
{
	BEGIN();
	END(change_refs(space, name, right, delta, &deferred));
}

kern_return_t ipc_mach_port_get_refs(struct ipc_space *space, mach_port_name_t name,
                                     mach_port_right_t right, mach_port_urefs_t *refs)
{
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	BEGIN();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		END(KERN_INVALID_NAME);
	mach_port_type_t type = MACH_PORT_TYPE(right);
	if (!(entry->type & type))
		*refs = 0;
	else if (right == MACH_PORT_RIGHT_SEND || right == MACH_PORT_RIGHT_DEAD_NAME)
		*refs = entry->urefs;
	else
		*refs = 1;
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_set_qlimit(struct ipc_space *space, mach_port_name_t name,
                                       mach_port_msgcount_t qlimit)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	if (qlimit > MACH_PORT_QLIMIT_MAX)
		END(KERN_INVALID_VALUE);
	port->qlimit = qlimit;
	ipc_thread_queue_wake_all(&port->blocked_senders, MACH_MSG_SUCCESS);
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_set_mscount(struct ipc_space *space, mach_port_name_t name,
                                        mach_port_mscount_t mscount)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	port->mscount = mscount;
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_get_set_status(struct ipc_space *space, mach_port_name_t name,
                                           mach_port_name_t **members,
                                           mach_msg_type_number_t *members_count)
{
	for (;;) {
		irq_state_t state = ipc_lock_acquire();
		struct ipc_entry *entry = ipc_entry_lookup(space, name);
		if (!entry || !(entry->type & MACH_PORT_TYPE_PORT_SET)) {
			ipc_lock_release(state);
			return entry ? KERN_INVALID_RIGHT : KERN_INVALID_NAME;
		}
		struct ipc_pset *pset = entry->object;
		uint32_t count = 0;
		for (struct ipc_port *port = pset->members; port; port = port->pset_next)
			count++;
		ipc_lock_release(state);
		mach_port_name_t *array = ipc_kernel_ool_alloc(count * sizeof(*array));
		if (!array)
			return KERN_RESOURCE_SHORTAGE;
		state = ipc_lock_acquire();
		entry = ipc_entry_lookup(space, name);
		uint32_t now = 0;
		if (entry && entry->object == pset)
			for (struct ipc_port *port = pset->members; port; port = port->pset_next)
				now++;
		if (!entry || entry->object != pset || now != count) {
			ipc_lock_release(state);
			ipc_kernel_ool_free(array, count * sizeof(*array));
			continue;
		}
		uint32_t index = 0;
		for (struct ipc_port *port = pset->members; port; port = port->pset_next)
			array[index++] = port->receiver_name;
		ipc_lock_release(state);
		*members = array;
		*members_count = count;
		return KERN_SUCCESS;
	}
}

kern_return_t ipc_mach_port_move_member(struct ipc_space *space, mach_port_name_t member,
                                        mach_port_name_t after)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, member, &result);
	if (!port)
		END(result);
	if (after == MACH_PORT_NULL) {
		if (!port->pset)
			END(KERN_NOT_IN_SET);
		ipc_pset_remove(port);
		END(KERN_SUCCESS);
	}
	struct ipc_entry *entry = ipc_entry_lookup(space, after);
	if (!entry)
		END(KERN_INVALID_NAME);
	if (!(entry->type & MACH_PORT_TYPE_PORT_SET))
		END(KERN_INVALID_RIGHT);
	ipc_pset_add(entry->object, port);
	END(KERN_SUCCESS);
}

static kern_return_t request_dead_name(struct ipc_space *space, mach_port_name_t name,
                                       mach_port_mscount_t sync, struct ipc_port *notify,
                                       struct ipc_port **previous, struct ipc_deferred *deferred)
{
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (entry->type & MACH_PORT_TYPE_DEAD_NAME) {
		if (!sync)
			return KERN_INVALID_ARGUMENT;
		/* Already dead: the notification comes at once, with a reference of its own. */
		*previous = IPC_PORT_NULL;
		if (IPC_PORT_VALID(notify) && entry->urefs < MACH_PORT_UREFS_MAX)
			entry->urefs++;
		if (IPC_PORT_VALID(notify))
			ipc_defer_notification(deferred, MACH_NOTIFY_DEAD_NAME, notify, name, 0,
			                       NULL);
		return KERN_SUCCESS;
	}
	if (!(entry->type &
	      (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_RECEIVE)))
		return KERN_INVALID_RIGHT;
	struct ipc_port *port = entry->object;
	*previous = IPC_PORT_NULL;
	for (struct ipc_dead_name_request **link = &port->dead_name_requests; *link;
	     link = &(*link)->next) {
		struct ipc_dead_name_request *request = *link;
		if (request->space == space && request->name == name) {
			*previous = request->notify;
			if (IPC_PORT_VALID(notify)) {
				request->notify = notify;
			} else {
				*link = request->next;
				ipc_memory_free(request, sizeof(*request));
				entry->dead_name_request = false;
			}
			return KERN_SUCCESS;
		}
	}
	if (!IPC_PORT_VALID(notify))
		return KERN_SUCCESS;
	struct ipc_dead_name_request *request = ipc_memory_alloc(sizeof(*request));
	if (!request)
		return KERN_RESOURCE_SHORTAGE;
	request->space = space;
	request->name = name;
	request->notify = notify;
	request->next = port->dead_name_requests;
	port->dead_name_requests = request;
	entry->dead_name_request = true;
	return KERN_SUCCESS;
}

kern_return_t ipc_mach_port_request_notification(struct ipc_space *space, mach_port_name_t name,
                                                 mach_msg_id_t id, mach_port_mscount_t sync,
                                                 struct ipc_port *notify,
                                                 struct ipc_port **previous)
{
	BEGIN();
	kern_return_t result;
	*previous = IPC_PORT_NULL;
	if (notify == IPC_PORT_DEAD)
		END(KERN_INVALID_CAPABILITY);
	if (id == MACH_NOTIFY_DEAD_NAME)
		END(request_dead_name(space, name, sync, notify, previous, &deferred));
	if (id != MACH_NOTIFY_NO_SENDERS && id != MACH_NOTIFY_PORT_DESTROYED)
		END(KERN_INVALID_VALUE);
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	if (id == MACH_NOTIFY_PORT_DESTROYED) {
		if (sync != 0)
			END(KERN_INVALID_VALUE);
		*previous = port->port_destroyed_request;
		port->port_destroyed_request = notify;
		END(KERN_SUCCESS);
	}
	*previous = port->no_senders_request;
	port->no_senders_request = NULL;
	if (IPC_PORT_VALID(notify)) {
		if (port->mscount >= sync && port->send_rights == 0)
			ipc_defer_notification(&deferred, MACH_NOTIFY_NO_SENDERS, notify, 0,
			                       port->mscount, NULL);
		else
			port->no_senders_request = notify;
	}
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_insert_right(struct ipc_space *space, mach_port_name_t name,
                                         struct ipc_port *right, mach_msg_type_name_t right_type)
{
	if (!IPC_PORT_VALID(right))
		return KERN_INVALID_VALUE;
	if (right_type != MACH_MSG_TYPE_PORT_SEND && right_type != MACH_MSG_TYPE_PORT_SEND_ONCE &&
	    right_type != MACH_MSG_TYPE_PORT_RECEIVE)
		return KERN_INVALID_VALUE;
	BEGIN();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (entry) {
		/* Only a send or receive right for the same port may join an existing name. */
		if (entry->object != right || right_type == MACH_MSG_TYPE_PORT_SEND_ONCE ||
		    (right_type == MACH_MSG_TYPE_PORT_SEND && (entry->type & MACH_PORT_TYPE_SEND) &&
		     entry->urefs >= MACH_PORT_UREFS_MAX) ||
		    (right_type == MACH_MSG_TYPE_PORT_RECEIVE &&
		     (entry->type & MACH_PORT_TYPE_RECEIVE)))
			END(entry->object == right && (entry->type & MACH_PORT_TYPE_SEND)
			        ? KERN_UREFS_OVERFLOW
			        : KERN_NAME_EXISTS);
		if (right_type == MACH_MSG_TYPE_PORT_SEND) {
			if (entry->type & MACH_PORT_TYPE_SEND) {
				entry->urefs++;
				ipc_port_drop_send(right, &deferred);
			} else {
				entry->type |= MACH_PORT_TYPE_SEND;
				entry->urefs = 1;
			}
		} else {
			entry->type |= MACH_PORT_TYPE_RECEIVE;
			ipc_port_set_receiver(right, space, name);
		}
		END(KERN_SUCCESS);
	}
	mach_port_name_t existing;
	if (right_type != MACH_MSG_TYPE_PORT_SEND_ONCE &&
	    ipc_space_find_port(space, right, &existing))
		END(KERN_RIGHT_EXISTS);
	kern_return_t result = ipc_entry_alloc_name(space, name, &entry);
	if (result != KERN_SUCCESS)
		END(result);
	entry->object = right;
	if (right_type == MACH_MSG_TYPE_PORT_RECEIVE) {
		entry->type = MACH_PORT_TYPE_RECEIVE;
		ipc_port_set_receiver(right, space, name);
	} else {
		entry->type = right_type == MACH_MSG_TYPE_PORT_SEND ? MACH_PORT_TYPE_SEND
		                                                    : MACH_PORT_TYPE_SEND_ONCE;
		entry->urefs = 1;
	}
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_extract_right(struct ipc_space *space, mach_port_name_t name,
                                          mach_msg_type_name_t disposition, struct ipc_port **right,
                                          mach_msg_type_name_t *right_type)
{
	if (!MACH_MSG_TYPE_PORT_ANY(disposition))
		return KERN_INVALID_VALUE;
	BEGIN();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		END(KERN_INVALID_NAME);
	struct ipc_port *port = entry->object;
	mach_port_type_t type = entry->type;
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		if (!(type & MACH_PORT_TYPE_RECEIVE))
			END(KERN_INVALID_RIGHT);
		entry->type &= ~MACH_PORT_TYPE_RECEIVE;
		if (entry->type == 0)
			ipc_entry_free(space, name);
		ipc_pset_remove(port);
		ipc_thread_queue_wake_all(&port->receivers, MACH_RCV_PORT_DIED);
		ipc_port_set_in_transit(port, NULL);
		port->receiver = ipc_space_kernel;
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (!(type & MACH_PORT_TYPE_RECEIVE))
			END(KERN_INVALID_RIGHT);
		if (disposition == MACH_MSG_TYPE_MAKE_SEND)
			ipc_port_make_send_locked(port);
		else
			ipc_port_add_send_once(port);
		break;
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		if (!(type & MACH_PORT_TYPE_SEND))
			END(KERN_INVALID_RIGHT);
		if (disposition == MACH_MSG_TYPE_COPY_SEND || entry->urefs > 1) {
			if (disposition == MACH_MSG_TYPE_MOVE_SEND)
				entry->urefs--;
			ipc_port_add_send(port);
		} else {
			entry->type &= ~MACH_PORT_TYPE_SEND;
			entry->urefs = 0;
			entry_tidy(space, name, entry, port, &deferred);
		}
		break;
	default: /* MOVE_SEND_ONCE */
		if (!(type & MACH_PORT_TYPE_SEND_ONCE))
			END(KERN_INVALID_RIGHT);
		entry->type = 0;
		entry_tidy(space, name, entry, port, &deferred);
		break;
	}
	*right = port;
	*right_type = ipc_disposition_result(disposition);
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_get_receive_status(struct ipc_space *space, mach_port_name_t name,
                                               mach_port_status_t *status)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	memset(status, 0, sizeof(*status));
	status->mps_pset = port->pset ? port->pset->name : MACH_PORT_NULL;
	status->mps_seqno = port->seqno;
	status->mps_mscount = port->mscount;
	status->mps_qlimit = port->qlimit;
	status->mps_msgcount = port->messages.count;
	status->mps_sorights = port->send_once_rights;
	status->mps_srights = port->send_rights > 0;
	status->mps_pdrequest = port->port_destroyed_request != NULL;
	status->mps_nsrequest = port->no_senders_request != NULL;
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_set_seqno(struct ipc_space *space, mach_port_name_t name,
                                      mach_port_seqno_t seqno)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	port->seqno = seqno;
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_set_protected_payload(struct ipc_space *space, mach_port_name_t name,
                                                  uint64_t payload)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	port->protected_payload = payload;
	port->has_protected_payload = true;
	END(KERN_SUCCESS);
}

kern_return_t ipc_mach_port_clear_protected_payload(struct ipc_space *space, mach_port_name_t name)
{
	BEGIN();
	kern_return_t result;
	struct ipc_port *port = receive_port(space, name, &result);
	if (!port)
		END(result);
	port->protected_payload = 0;
	port->has_protected_payload = false;
	END(KERN_SUCCESS);
}
