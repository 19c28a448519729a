/* Copyin: a user-format message becomes a kernel-format kmsg (names become
 * rights with their disposition applied, port items grow from 4 to 8 bytes,
 * out-of-line data is copied in, or taken as a virtual copy of the sender's
 * memory from ipc_host_vm_copy_threshold() bytes on). Every change to the space is recorded so a
 * failure puts the sender's rights back exactly as they were. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

enum copyin_delta {
	DELTA_NONE,
	DELTA_ADD_SEND,
	DELTA_MAKE_SEND,
	DELTA_ADD_SEND_ONCE,
	DELTA_MOVE_RECEIVE,
};

static bool is_send_disposition(mach_msg_type_name_t disposition)
{
	return disposition == MACH_MSG_TYPE_MOVE_SEND || disposition == MACH_MSG_TYPE_COPY_SEND ||
	       disposition == MACH_MSG_TYPE_MAKE_SEND ||
	       disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
	       disposition == MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

static void set_item_type(uint8_t *item_header, mach_msg_type_name_t name)
{
	mach_msg_type_t type;
	memcpy(&type, item_header, sizeof(type));
	if (type.msgt_longform) {
		mach_msg_type_long_t long_type;
		memcpy(&long_type, item_header, sizeof(long_type));
		long_type.msgtl_name = (unsigned short)name;
		long_type.msgtl_size = 64;
		memcpy(item_header, &long_type, sizeof(long_type));
	} else {
		type.msgt_name = name;
		type.msgt_size = 64;
		memcpy(item_header, &type, sizeof(type));
	}
}

static void free_ool_buffers(struct ipc_kmsg *kmsg)
{
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		if (walk.item.is_inline)
			continue;
		void *buffer;
		memcpy(&buffer, walk.data, sizeof(buffer));
		ipc_ool_release(buffer, walk.item.ool_size, NULL);
	}
}

/* Whether the message goes to a kernel object (a hint, looked up under the
 * lock: the port may change before the send). A kernel server wants buffers. */
static bool destination_is_kernel(struct ipc_copyin *copyin)
{
	irq_state_t state = ipc_lock_acquire();
	struct ipc_port *port;
	bool kernel = ipc_copyin_peek_destination(copyin, &port) == MACH_MSG_SUCCESS &&
	              port->kobject_kind != 0;
	ipc_lock_release(state);
	return kernel;
}

/* The out-of-line data of item at address as a virtual copy of the sender's
 * memory, in the kernel slot; false (byte copy wanted) if it is too small or
 * goes to the kernel. */
static bool copyin_virtual(struct ipc_copyin *copyin, const struct ipc_item *item, uint64_t address,
                           uint8_t *kernel_data, mach_msg_return_t *result)
{
	if (item->is_port || item->ool_size < ipc_host_vm_copy_threshold())
		return false;
	if (copyin->destination_checked == 0)
		copyin->destination_checked = destination_is_kernel(copyin) ? 2 : 1;
	if (copyin->destination_checked == 2)
		return false;
	struct ipc_vm_copy *copy;
	kern_return_t kr =
	    ipc_host_vm_copyin(copyin->space, address, item->ool_size, item->deallocate, &copy);
	if (kr == KERN_SUCCESS) {
		void *slot = ipc_ool_tag_copy(copy);
		memcpy(kernel_data, &slot, sizeof(slot));
		*result = MACH_MSG_SUCCESS;
	} else {
		*result =
		    kr == KERN_RESOURCE_SHORTAGE ? MACH_SEND_NO_BUFFER : MACH_SEND_INVALID_MEMORY;
	}
	return true;
}

void ipc_copyin_abandon(struct ipc_copyin *copyin)
{
	if (copyin->kmsg) {
		free_ool_buffers(copyin->kmsg);
		ipc_kmsg_free(copyin->kmsg);
		copyin->kmsg = NULL;
	}
	if (copyin->records && copyin->records != copyin->inline_records)
		ipc_memory_free(copyin->records,
		                copyin->record_capacity * sizeof(*copyin->records));
	copyin->records = NULL;
}

/* Copies the body into kernel format: data as is, port items widened (filled
 * in later), out-of-line data into kernel buffers. */
static mach_msg_return_t build_kernel_body(struct ipc_copyin *copyin)
{
	const uint8_t *user_body = copyin->user_message + sizeof(mach_msg_header_t);
	size_t user_body_size = copyin->user_size - sizeof(mach_msg_header_t);
	uint8_t *kernel_body = IPC_KMSG_BODY(copyin->kmsg);
	size_t user_offset = 0, kernel_offset = 0;
	struct ipc_item item;
	while (user_offset < user_body_size) {
		ipc_item_parse(user_body, user_body_size, user_offset, false, &item);
		memcpy(kernel_body + kernel_offset, user_body + user_offset, item.header_size);
		const uint8_t *user_data = user_body + user_offset + item.header_size;
		uint8_t *kernel_data = kernel_body + kernel_offset + item.header_size;
		size_t kernel_data_size = item.data_size;
		if (item.is_port) {
			set_item_type(kernel_body + kernel_offset, item.name);
			if (item.is_inline)
				kernel_data_size = (size_t)item.number * 8;
		}
		if (item.is_inline && !item.is_port) {
			memcpy(kernel_data, user_data, item.data_size);
		} else if (!item.is_inline) {
			uint64_t address;
			memcpy(&address, user_data, sizeof(address));
			mach_msg_return_t result;
			if (item.ool_size > 0 &&
			    copyin_virtual(copyin, &item, address, kernel_data, &result)) {
				if (result != MACH_MSG_SUCCESS)
					return result;
				user_offset += item.header_size + item.data_size;
				kernel_offset += item.header_size + kernel_data_size;
				continue;
			}
			void *buffer = NULL;
			if (item.ool_size > 0) {
				size_t kernel_size =
				    item.is_port ? (size_t)item.number * 8 : item.ool_size;
				buffer = ipc_kernel_ool_alloc(kernel_size);
				if (!buffer)
					return MACH_SEND_NO_BUFFER;
				memset(buffer, 0, kernel_size);
				/* Stored before the copy so a failure frees it. */
				memcpy(kernel_data, &buffer, sizeof(buffer));
				if (!ipc_host_copyin(copyin->space, buffer, address, item.ool_size))
					return MACH_SEND_INVALID_MEMORY;
			}
			memcpy(kernel_data, &buffer, sizeof(buffer));
		}
		user_offset += item.header_size + item.data_size;
		kernel_offset += item.header_size + kernel_data_size;
	}
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t ipc_copyin_prepare(struct ipc_copyin *copyin, struct ipc_space *space,
                                     const uint8_t *user_message, size_t user_size,
                                     struct ipc_kmsg *preallocated, size_t preallocated_size)
{
	memset(copyin, 0, sizeof(*copyin));
	copyin->space = space;
	copyin->user_message = user_message;
	copyin->user_size = user_size;
	if (user_size < sizeof(mach_msg_header_t) || user_size % 4 != 0)
		return MACH_SEND_MSG_TOO_SMALL;
	if (user_size > IPC_MESSAGE_INLINE_MAX)
		return MACH_SEND_NO_BUFFER;
	mach_msg_header_t header;
	memcpy(&header, user_message, sizeof(header));
	mach_msg_bits_t bits = header.msgh_bits;
	if (bits & ~(MACH_MSGH_BITS_PORTS_MASK | MACH_MSGH_BITS_COMPLEX))
		return MACH_SEND_INVALID_HEADER;
	if (!is_send_disposition(MACH_MSGH_BITS_REMOTE(bits)))
		return MACH_SEND_INVALID_HEADER;
	mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(bits);
	if (local != 0 ? !is_send_disposition(local) : header.msgh_local_port != MACH_PORT_NULL)
		return MACH_SEND_INVALID_HEADER;

	size_t rights = 2, kernel_size = user_size, ool_total = 0;
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		const uint8_t *body = user_message + sizeof(header);
		size_t body_size = user_size - sizeof(header);
		struct ipc_item item;
		for (size_t offset = 0; offset < body_size;
		     offset += item.header_size + item.data_size) {
			mach_msg_return_t result =
			    ipc_item_parse(body, body_size, offset, false, &item);
			if (result != MACH_MSG_SUCCESS)
				return result;
			if (item.is_port) {
				rights += item.number;
				if (item.is_inline)
					kernel_size += (size_t)item.number * 4;
			}
			ool_total += item.is_port && !item.is_inline ? (size_t)item.number * 8
			                                             : item.ool_size;
			if (ool_total > IPC_MESSAGE_OOL_MAX)
				return MACH_SEND_NO_BUFFER;
		}
	}
	if (preallocated && kernel_size - sizeof(header) <= preallocated_size) {
		memset(preallocated, 0, sizeof(*preallocated));
		copyin->kmsg = preallocated;
	} else {
		copyin->kmsg = ipc_kmsg_alloc(kernel_size);
		if (!copyin->kmsg)
			return MACH_SEND_NO_BUFFER;
	}
	struct ipc_kmsg *kmsg = copyin->kmsg;
	kmsg->header.bits = bits;
	kmsg->header.size = (mach_msg_size_t)kernel_size;
	kmsg->header.id = header.msgh_id;
	kmsg->user_size = (mach_msg_size_t)user_size;
	memset(IPC_KMSG_BODY(kmsg), 0, kernel_size - sizeof(header));
	if (rights <= 2) {
		copyin->records = copyin->inline_records;
		copyin->record_capacity = 2;
	} else {
		copyin->records = ipc_memory_alloc(rights * sizeof(*copyin->records));
		if (!copyin->records) {
			ipc_copyin_abandon(copyin);
			return MACH_SEND_NO_BUFFER;
		}
		copyin->record_capacity = rights;
	}
	mach_msg_return_t result = MACH_MSG_SUCCESS;
	if (bits & MACH_MSGH_BITS_COMPLEX)
		result = build_kernel_body(copyin);
	else
		memcpy(IPC_KMSG_BODY(kmsg), user_message + sizeof(header),
		       user_size - sizeof(header));
	if (result != MACH_MSG_SUCCESS)
		ipc_copyin_abandon(copyin);
	return result;
}

mach_msg_return_t ipc_copyin_peek_destination(struct ipc_copyin *copyin, struct ipc_port **port)
{
	mach_msg_header_t header;
	memcpy(&header, copyin->user_message, sizeof(header));
	struct ipc_entry *entry = ipc_entry_lookup(copyin->space, header.msgh_remote_port);
	if (!entry)
		return MACH_SEND_INVALID_DEST;
	mach_msg_type_name_t disposition = MACH_MSGH_BITS_REMOTE(header.msgh_bits);
	mach_port_type_t needed = disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE
	                              ? MACH_PORT_TYPE_SEND_ONCE
	                          : (disposition == MACH_MSG_TYPE_MAKE_SEND ||
	                             disposition == MACH_MSG_TYPE_MAKE_SEND_ONCE)
	                              ? MACH_PORT_TYPE_RECEIVE
	                              : MACH_PORT_TYPE_SEND;
	if (!(entry->type & needed))
		return MACH_SEND_INVALID_DEST;
	*port = entry->object;
	return MACH_MSG_SUCCESS;
}

/* One name with one disposition becomes a right; the entry is recorded first. */
static mach_msg_return_t copyin_right(struct ipc_copyin *copyin, mach_port_name_t name,
                                      mach_msg_type_name_t disposition, struct ipc_port **right,
                                      mach_msg_return_t invalid)
{
	if (name == MACH_PORT_NULL) {
		*right = IPC_PORT_NULL;
		return MACH_MSG_SUCCESS;
	}
	if (name == MACH_PORT_DEAD) {
		*right = IPC_PORT_DEAD;
		return MACH_MSG_SUCCESS;
	}
	struct ipc_entry *entry = ipc_entry_lookup(copyin->space, name);
	if (!entry || copyin->record_count >= copyin->record_capacity)
		return invalid;
	struct ipc_copyin_record *record = &copyin->records[copyin->record_count];
	record->index = IPC_NAME_INDEX(name);
	record->saved = *entry;
	record->delta = DELTA_NONE;
	struct ipc_port *port = entry->object;
	bool dead = entry->type & MACH_PORT_TYPE_DEAD_NAME;
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		if (!(entry->type & MACH_PORT_TYPE_RECEIVE) || port == copyin->destination ||
		    (copyin->destination && ipc_port_is_circular(port, copyin->destination)))
			return invalid;
		entry->type &= ~MACH_PORT_TYPE_RECEIVE;
		port->receiver = NULL;
		record->delta = DELTA_MOVE_RECEIVE;
		*right = port;
		break;
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		if (dead) {
			if (disposition == MACH_MSG_TYPE_MOVE_SEND && --entry->urefs == 0)
				entry->type = 0;
			*right = IPC_PORT_DEAD;
			break;
		}
		if (!(entry->type & MACH_PORT_TYPE_SEND))
			return invalid;
		if (disposition == MACH_MSG_TYPE_COPY_SEND || entry->urefs > 1) {
			if (disposition == MACH_MSG_TYPE_MOVE_SEND)
				entry->urefs--;
			ipc_port_add_send(port);
			record->delta = DELTA_ADD_SEND;
		} else {
			entry->type &= ~MACH_PORT_TYPE_SEND;
			entry->urefs = 0;
		}
		*right = port;
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (!(entry->type & MACH_PORT_TYPE_RECEIVE))
			return invalid;
		if (disposition == MACH_MSG_TYPE_MAKE_SEND) {
			ipc_port_make_send_locked(port);
			record->delta = DELTA_MAKE_SEND;
		} else {
			ipc_port_add_send_once(port);
			record->delta = DELTA_ADD_SEND_ONCE;
		}
		*right = port;
		break;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		if (dead) {
			if (--entry->urefs == 0)
				entry->type = 0;
			*right = IPC_PORT_DEAD;
			break;
		}
		if (!(entry->type & MACH_PORT_TYPE_SEND_ONCE))
			return invalid;
		entry->type = 0;
		entry->urefs = 0;
		*right = port;
		break;
	default:
		return invalid;
	}
	record->port = *right;
	copyin->record_count++;
	return MACH_MSG_SUCCESS;
}

static void undo_records(struct ipc_copyin *copyin)
{
	while (copyin->record_count > 0) {
		struct ipc_copyin_record *record = &copyin->records[--copyin->record_count];
		struct ipc_port *port = record->port;
		copyin->space->table[record->index] = record->saved;
		switch (record->delta) {
		case DELTA_MAKE_SEND:
			port->mscount--;
			/* fall through */
		case DELTA_ADD_SEND:
			port->send_rights--;
			port->references--;
			break;
		case DELTA_ADD_SEND_ONCE:
			port->send_once_rights--;
			port->references--;
			break;
		case DELTA_MOVE_RECEIVE:
			port->receiver = copyin->space;
			break;
		default:
			break;
		}
	}
}

/* The copyin succeeded: entries left empty are freed, moved receive rights
 * leave their sets and become in transit to the destination. */
static void commit_records(struct ipc_copyin *copyin, struct ipc_deferred *deferred)
{
	struct ipc_space *space = copyin->space;
	for (size_t i = 0; i < copyin->record_count; i++) {
		struct ipc_copyin_record *record = &copyin->records[i];
		struct ipc_entry *entry = &space->table[record->index];
		mach_port_name_t name = IPC_NAME(record->index, entry->generation);
		if (record->delta == DELTA_MOVE_RECEIVE) {
			struct ipc_port *port = record->port;
			ipc_pset_remove(port);
			ipc_thread_queue_wake_all(&port->receivers, MACH_RCV_PORT_DIED);
			ipc_port_set_in_transit(port, copyin->destination);
		}
		if (!entry->in_use)
			continue;
		bool has_send = entry->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE);
		if (entry->dead_name_request && !has_send && record->saved.object) {
			entry->dead_name_request = false;
			ipc_port_cancel_dead_name_request(record->saved.object, space, name,
			                                  deferred, true);
		}
		if (entry->type == 0)
			ipc_entry_free(space, name);
	}
	copyin->record_count = 0;
}

static mach_msg_return_t copyin_body_rights(struct ipc_copyin *copyin)
{
	const uint8_t *user_body = copyin->user_message + sizeof(mach_msg_header_t);
	size_t user_body_size = copyin->user_size - sizeof(mach_msg_header_t);
	uint8_t *kernel_body = IPC_KMSG_BODY(copyin->kmsg);
	size_t kernel_body_size = copyin->kmsg->header.size - sizeof(struct ipc_kernel_header);
	size_t user_offset = 0, kernel_offset = 0;
	struct ipc_item user_item, kernel_item;
	while (user_offset < user_body_size) {
		ipc_item_parse(user_body, user_body_size, user_offset, false, &user_item);
		ipc_item_parse(kernel_body, kernel_body_size, kernel_offset, true, &kernel_item);
		if (user_item.is_port) {
			const uint8_t *names = user_body + user_offset + user_item.header_size;
			uint8_t *ports = kernel_body + kernel_offset + kernel_item.header_size;
			if (!user_item.is_inline) {
				memcpy(&ports, ports, sizeof(ports));
				names = ports; /* the buffer holds the names, widened in place from
				                  the end */
			}
			for (mach_msg_type_number_t i = user_item.number; ports && i-- > 0;) {
				mach_port_name_t name;
				struct ipc_port *port;
				memcpy(&name, names + i * sizeof(name), sizeof(name));
				mach_msg_return_t result = copyin_right(
				    copyin, name, user_item.name, &port, MACH_SEND_INVALID_RIGHT);
				if (result != MACH_MSG_SUCCESS)
					return result;
				memcpy(ports + i * sizeof(port), &port, sizeof(port));
			}
			set_item_type(kernel_body + kernel_offset,
			              ipc_disposition_result(user_item.name));
		}
		user_offset += user_item.header_size + user_item.data_size;
		kernel_offset += kernel_item.header_size + kernel_item.data_size;
	}
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t ipc_copyin_rights(struct ipc_copyin *copyin, struct ipc_deferred *deferred)
{
	mach_msg_header_t header;
	memcpy(&header, copyin->user_message, sizeof(header));
	mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(header.msgh_bits);
	mach_msg_type_name_t local = MACH_MSGH_BITS_LOCAL(header.msgh_bits);
	struct ipc_kmsg *kmsg = copyin->kmsg;
	struct ipc_port *destination = IPC_PORT_NULL, *reply = IPC_PORT_NULL;
	mach_msg_return_t result = MACH_SEND_INVALID_DEST;
	if (header.msgh_remote_port == MACH_PORT_NULL || header.msgh_remote_port == MACH_PORT_DEAD)
		goto failed;
	result = copyin_right(copyin, header.msgh_remote_port, remote, &destination,
	                      MACH_SEND_INVALID_DEST);
	if (result != MACH_MSG_SUCCESS)
		goto failed;
	if (!IPC_PORT_VALID(destination)) {
		result = MACH_SEND_INVALID_DEST;
		goto failed;
	}
	copyin->destination = destination;
	if (local) {
		result = copyin_right(copyin, header.msgh_local_port, local, &reply,
		                      MACH_SEND_INVALID_REPLY);
		if (result != MACH_MSG_SUCCESS)
			goto failed;
	}
	if (header.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		result = copyin_body_rights(copyin);
		if (result != MACH_MSG_SUCCESS)
			goto failed;
	}
	kmsg->header.remote = destination;
	kmsg->header.local = reply;
	kmsg->header.bits =
	    (header.msgh_bits & MACH_MSGH_BITS_COMPLEX) |
	    MACH_MSGH_BITS(ipc_disposition_result(remote), ipc_disposition_result(local));
	commit_records(copyin, deferred);
	return MACH_MSG_SUCCESS;
failed:
	undo_records(copyin);
	return result;
}

void ipc_copyin_finish(struct ipc_copyin *copyin)
{
	mach_msg_header_t header;
	memcpy(&header, copyin->user_message, sizeof(header));
	if (header.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		const uint8_t *body = copyin->user_message + sizeof(header);
		size_t body_size = copyin->user_size - sizeof(header);
		struct ipc_item item;
		for (size_t offset = 0; offset < body_size;
		     offset += item.header_size + item.data_size) {
			ipc_item_parse(body, body_size, offset, false, &item);
			if (item.is_inline || !item.deallocate || item.ool_size == 0)
				continue;
			uint64_t address;
			memcpy(&address, body + offset + item.header_size, sizeof(address));
			ipc_host_vm_deallocate(copyin->space, address, item.ool_size);
		}
	}
	if (copyin->records && copyin->records != copyin->inline_records)
		ipc_memory_free(copyin->records,
		                copyin->record_capacity * sizeof(*copyin->records));
	copyin->records = NULL;
	copyin->kmsg = NULL;
}

/* --- messages the kernel sends --- */

/* MIG's kernel stubs mark the receive rights they move inline as deallocated
 * (memory_object_terminate); inline, that means nothing, and a receiver's
 * stub would refuse the type: cleared. */
static void clear_deallocate(uint8_t *item_header)
{
	mach_msg_type_t type;
	memcpy(&type, item_header, sizeof(type));
	type.msgt_deallocate = FALSE;
	memcpy(item_header, &type, sizeof(type));
}

static void copyin_kernel_right(struct ipc_port *port, mach_msg_type_name_t disposition)
{
	if (!IPC_PORT_VALID(port))
		return;
	if (disposition == MACH_MSG_TYPE_COPY_SEND)
		ipc_port_add_send(port);
	else if (disposition == MACH_MSG_TYPE_MAKE_SEND)
		ipc_port_make_send_locked(port);
	else if (disposition == MACH_MSG_TYPE_MAKE_SEND_ONCE)
		ipc_port_add_send_once(port);
}

void ipc_kmsg_copyin_kernel(struct ipc_kmsg *kmsg)
{
	mach_msg_bits_t bits = kmsg->header.bits;
	mach_msg_type_name_t remote = MACH_MSGH_BITS_REMOTE(bits),
	                     local = MACH_MSGH_BITS_LOCAL(bits);
	copyin_kernel_right(kmsg->header.remote, remote);
	copyin_kernel_right(kmsg->header.local, local);
	kmsg->header.bits =
	    (bits & MACH_MSGH_BITS_COMPLEX) |
	    MACH_MSGH_BITS(ipc_disposition_result(remote), ipc_disposition_result(local));
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		const struct ipc_item *item = &walk.item;
		if (!item->is_port)
			continue;
		uint8_t *ports = walk.data;
		if (!item->is_inline)
			memcpy(&ports, ports, sizeof(ports));
		for (mach_msg_type_number_t i = 0; ports && i < item->number; i++) {
			struct ipc_port *port;
			memcpy(&port, ports + i * sizeof(port), sizeof(port));
			copyin_kernel_right(port, item->name);
			if (item->name == MACH_MSG_TYPE_MOVE_RECEIVE && IPC_PORT_VALID(port))
				ipc_port_set_in_transit(port, kmsg->header.remote);
		}
		set_item_type(walk.header, ipc_disposition_result(item->name));
		if (item->is_inline)
			clear_deallocate(walk.header);
	}
}
