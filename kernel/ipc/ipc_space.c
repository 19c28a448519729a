/* Name spaces: each task's table of names (index << 8 | generation) to rights,
 * grown on demand; one name per port for send and receive rights. Entries of
 * dead ports turn into dead names when next looked at. Lock held unless said. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

#define IPC_SPACE_INITIAL_CAPACITY 64

static void entry_convert_if_dead(struct ipc_entry *entry)
{
	if (!(entry->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)))
		return;
	struct ipc_port *port = entry->object;
	if (port->active)
		return;
	mach_port_urefs_t urefs = (entry->type & MACH_PORT_TYPE_SEND) ? entry->urefs : 1;
	/* The dead-name notification sent for this name holds a reference of its own. */
	if (entry->dead_name_request && urefs < MACH_PORT_UREFS_MAX)
		urefs++;
	if (entry->type & MACH_PORT_TYPE_SEND)
		port->send_rights--;
	else
		port->send_once_rights--;
	entry->object = NULL;
	entry->type = MACH_PORT_TYPE_DEAD_NAME;
	entry->urefs = urefs;
	entry->dead_name_request = false;
	ipc_port_release(port);
}

struct ipc_entry *ipc_entry_lookup(struct ipc_space *space, mach_port_name_t name)
{
	if (!space || !space->active)
		return NULL;
	uint32_t index = IPC_NAME_INDEX(name);
	if (index == 0 || index >= space->capacity)
		return NULL;
	struct ipc_entry *entry = &space->table[index];
	if (!entry->in_use || entry->generation != IPC_NAME_GENERATION(name))
		return NULL;
	entry_convert_if_dead(entry);
	return entry;
}

static bool space_grow(struct ipc_space *space, uint32_t at_least)
{
	if (at_least > IPC_SPACE_ENTRIES_MAX)
		return false;
	uint32_t capacity = space->capacity ? space->capacity : IPC_SPACE_INITIAL_CAPACITY;
	while (capacity < at_least)
		capacity *= 2;
	if (capacity > IPC_SPACE_ENTRIES_MAX)
		capacity = IPC_SPACE_ENTRIES_MAX;
	if (capacity <= space->capacity)
		return false;
	struct ipc_entry *table = ipc_memory_alloc(capacity * sizeof(*table));
	if (!table)
		return false;
	memset(table, 0, capacity * sizeof(*table));
	if (space->table)
		memcpy(table, space->table, space->capacity * sizeof(*table));
	/* The new slots go on the free list, lowest index first. */
	uint32_t old_capacity = space->capacity ? space->capacity : 1;
	for (uint32_t index = capacity - 1; index >= old_capacity; index--) {
		table[index].generation = 1;
		table[index].next_free = space->first_free;
		space->first_free = index;
	}
	ipc_memory_free(space->table, space->capacity * sizeof(*table));
	space->table = table;
	space->capacity = capacity;
	return true;
}

static void entry_take(struct ipc_space *space, uint32_t index)
{
	struct ipc_entry *entry = &space->table[index];
	entry->in_use = true;
	entry->object = NULL;
	entry->type = 0;
	entry->urefs = 0;
	entry->dead_name_request = false;
	space->entries_in_use++;
	__atomic_add_fetch(&ipc_stats.entries, 1, __ATOMIC_RELAXED);
}

bool ipc_entry_take_free(struct ipc_space *space, mach_port_name_t *name, struct ipc_entry **entry)
{
	uint32_t index = space->first_free;
	if (!index)
		return false;
	space->first_free = space->table[index].next_free;
	entry_take(space, index);
	*name = IPC_NAME(index, space->table[index].generation);
	*entry = &space->table[index];
	return true;
}

kern_return_t ipc_entry_alloc(struct ipc_space *space, mach_port_name_t *name,
                              struct ipc_entry **entry)
{
	if (!space->active)
		return KERN_INVALID_TASK;
	if (!space->first_free && !space_grow(space, space->capacity + 1))
		return KERN_NO_SPACE;
	ipc_entry_take_free(space, name, entry);
	return KERN_SUCCESS;
}

kern_return_t ipc_entry_alloc_name(struct ipc_space *space, mach_port_name_t name,
                                   struct ipc_entry **entry)
{
	if (!space->active)
		return KERN_INVALID_TASK;
	uint32_t index = IPC_NAME_INDEX(name);
	if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD || index == 0 ||
	    IPC_NAME_GENERATION(name) == 0)
		return KERN_INVALID_VALUE;
	if (index >= space->capacity && !space_grow(space, index + 1))
		return KERN_NO_SPACE;
	if (space->table[index].in_use)
		return KERN_NAME_EXISTS;
	for (uint32_t *link = &space->first_free; *link; link = &space->table[*link].next_free) {
		if (*link == index) {
			*link = space->table[index].next_free;
			break;
		}
	}
	space->table[index].generation = IPC_NAME_GENERATION(name);
	entry_take(space, index);
	*entry = &space->table[index];
	return KERN_SUCCESS;
}

void ipc_entry_free(struct ipc_space *space, mach_port_name_t name)
{
	uint32_t index = IPC_NAME_INDEX(name);
	struct ipc_entry *entry = &space->table[index];
	entry->in_use = false;
	entry->object = NULL;
	entry->type = 0;
	entry->urefs = 0;
	entry->generation = (entry->generation % 255) + 1;
	entry->next_free = space->first_free;
	space->first_free = index;
	space->entries_in_use--;
	__atomic_sub_fetch(&ipc_stats.entries, 1, __ATOMIC_RELAXED);
}

bool ipc_space_find_port(struct ipc_space *space, struct ipc_port *port, mach_port_name_t *name)
{
	if (port->receiver == space && port->receiver_name != MACH_PORT_NULL) {
		*name = port->receiver_name;
		return true;
	}
	for (uint32_t index = 1; index < space->capacity; index++) {
		struct ipc_entry *entry = &space->table[index];
		if (entry->in_use && entry->object == port && (entry->type & MACH_PORT_TYPE_SEND)) {
			*name = IPC_NAME(index, entry->generation);
			return true;
		}
	}
	return false;
}

void ipc_entry_destroy(struct ipc_space *space, mach_port_name_t name,
                       struct ipc_deferred *deferred)
{
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	if (!entry)
		return;
	if (entry->type & MACH_PORT_TYPE_PORT_SET) {
		struct ipc_pset *pset = entry->object;
		ipc_entry_free(space, name);
		ipc_pset_destroy(pset);
		return;
	}
	struct ipc_port *port = entry->object;
	mach_port_type_t type = entry->type;
	if (entry->dead_name_request)
		ipc_port_cancel_dead_name_request(port, space, name, deferred, true);
	ipc_entry_free(space, name);
	if (type & MACH_PORT_TYPE_SEND)
		ipc_port_drop_send(port, deferred);
	if (type & MACH_PORT_TYPE_SEND_ONCE)
		ipc_right_release(port, MACH_MSG_TYPE_PORT_SEND_ONCE, deferred);
	if (type & MACH_PORT_TYPE_RECEIVE)
		ipc_port_destroy_receive_later(port, deferred);
}

kern_return_t ipc_space_copyout_right(struct ipc_space *space, struct ipc_port *port,
                                      mach_msg_type_name_t type, mach_port_name_t *name,
                                      struct ipc_deferred *deferred)
{
	struct ipc_entry *entry;
	mach_port_name_t existing;
	if (!IPC_PORT_VALID(port)) {
		*name = port == IPC_PORT_DEAD ? MACH_PORT_DEAD : MACH_PORT_NULL;
		return KERN_SUCCESS;
	}
	if (type != MACH_MSG_TYPE_PORT_RECEIVE && !port->active) {
		ipc_right_release(port, type, deferred);
		*name = MACH_PORT_DEAD;
		return KERN_SUCCESS;
	}
	if (type != MACH_MSG_TYPE_PORT_SEND_ONCE && ipc_space_find_port(space, port, &existing)) {
		entry = ipc_entry_lookup(space, existing);
		if (type == MACH_MSG_TYPE_PORT_SEND) {
			if (entry->type & MACH_PORT_TYPE_SEND) {
				if (entry->urefs < MACH_PORT_UREFS_MAX)
					entry->urefs++;
				ipc_port_drop_send(port, deferred);
			} else {
				entry->type |= MACH_PORT_TYPE_SEND;
				entry->urefs = 1;
			}
		} else {
			entry->type |= MACH_PORT_TYPE_RECEIVE;
			ipc_port_set_receiver(port, space, existing);
		}
		*name = existing;
		return KERN_SUCCESS;
	}
	kern_return_t result = ipc_entry_alloc(space, name, &entry);
	if (result != KERN_SUCCESS)
		return result;
	entry->object = port;
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		entry->type = MACH_PORT_TYPE_SEND;
		entry->urefs = 1;
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		entry->type = MACH_PORT_TYPE_SEND_ONCE;
		entry->urefs = 1;
		break;
	default:
		entry->type = MACH_PORT_TYPE_RECEIVE;
		ipc_port_set_receiver(port, space, *name);
		break;
	}
	return KERN_SUCCESS;
}

/* --- whole spaces --- */

struct ipc_space *ipc_space_create(void)
{
	irq_state_t state = ipc_lock_acquire();
	struct ipc_space *space = ipc_memory_alloc(sizeof(*space));
	if (space) {
		memset(space, 0, sizeof(*space));
		space->active = true;
		space->references = 1;
		if (!space_grow(space, IPC_SPACE_INITIAL_CAPACITY)) {
			ipc_memory_free(space, sizeof(*space));
			space = NULL;
		} else {
			ipc_stats.spaces++;
		}
	}
	ipc_lock_release(state);
	return space;
}

void ipc_space_reference(struct ipc_space *space)
{
	space->references++;
}

void ipc_space_release(struct ipc_space *space)
{
	if (--space->references > 0)
		return;
	ipc_memory_free(space->table, space->capacity * sizeof(struct ipc_entry));
	ipc_memory_free(space, sizeof(*space));
	ipc_stats.spaces--;
}

void ipc_space_destroy(struct ipc_space *space)
{
	if (!space)
		return;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	for (uint32_t index = 1; index < space->capacity; index++) {
		struct ipc_entry *entry = &space->table[index];
		if (entry->in_use)
			ipc_entry_destroy(space, IPC_NAME(index, entry->generation), &deferred);
	}
	space->active = false;
	ipc_space_release(space);
	ipc_unlock_and_flush(state, &deferred);
}

kern_return_t ipc_space_insert_port_right(struct ipc_space *space, struct ipc_port *port,
                                          mach_msg_type_name_t disposition, mach_port_name_t *name)
{
	if (!space || !IPC_PORT_VALID(port))
		return KERN_INVALID_ARGUMENT;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	mach_msg_type_name_t type = disposition;
	if (disposition == MACH_MSG_TYPE_MAKE_SEND) {
		ipc_port_make_send_locked(port);
		type = MACH_MSG_TYPE_PORT_SEND;
	} else if (disposition == MACH_MSG_TYPE_COPY_SEND) {
		ipc_port_add_send(port);
		type = MACH_MSG_TYPE_PORT_SEND;
	} else if (disposition == MACH_MSG_TYPE_MAKE_SEND_ONCE) {
		ipc_port_add_send_once(port);
		type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	}
	kern_return_t result = KERN_INVALID_ARGUMENT;
	if (type == MACH_MSG_TYPE_PORT_SEND || type == MACH_MSG_TYPE_PORT_SEND_ONCE ||
	    type == MACH_MSG_TYPE_PORT_RECEIVE) {
		result = ipc_space_copyout_right(space, port, type, name, &deferred);
		if (result != KERN_SUCCESS)
			ipc_right_release(port, type, &deferred);
	}
	ipc_unlock_and_flush(state, &deferred);
	return result;
}

kern_return_t ipc_space_lookup_port(struct ipc_space *space, mach_port_name_t name,
                                    struct ipc_port **port)
{
	irq_state_t state = ipc_lock_acquire();
	struct ipc_entry *entry = ipc_entry_lookup(space, name);
	kern_return_t result = KERN_INVALID_NAME;
	if (entry && (entry->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE))) {
		*port = entry->object;
		result = KERN_SUCCESS;
	} else if (entry) {
		result = KERN_INVALID_RIGHT;
	}
	ipc_lock_release(state);
	return result;
}
