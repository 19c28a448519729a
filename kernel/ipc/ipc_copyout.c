/* Copyout: a kernel-format message becomes names in the receiver's space
 * (under the lock), then, without the lock, out-of-line data becomes new
 * memory in the receiver's task (a buffer copied, a virtual copy mapped) and
 * the user-format message is written. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

mach_msg_size_t ipc_kmsg_user_size(struct ipc_kmsg *kmsg)
{
	mach_msg_size_t size = kmsg->header.size;
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk))
		if (walk.item.is_port && walk.item.is_inline)
			size -= walk.item.number * 4;
	return size;
}

/* One right becomes a name; on failure the right is destroyed. */
static bool copyout_one(struct ipc_space *space, struct ipc_port *port, mach_msg_type_name_t type,
                        mach_port_name_t *name, struct ipc_deferred *deferred)
{
	if (ipc_space_copyout_right(space, port, type, name, deferred) == KERN_SUCCESS)
		return true;
	ipc_right_release(port, type, deferred);
	*name = MACH_PORT_NULL;
	return false;
}

struct ipc_destination_view ipc_copyout_destination(struct ipc_space *space,
                                                    const struct ipc_kernel_header *header)
{
	const struct ipc_port *destination = header->remote;
	struct ipc_destination_view view = {MACH_PORT_NULL, MACH_MSGH_BITS_REMOTE(header->bits)};
	if (destination->has_protected_payload) {
		view.word = destination->protected_payload;
		view.type = MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	} else if (destination->receiver == space) {
		view.word = destination->receiver_name;
	}
	return view;
}

void ipc_copyout_header(struct ipc_kernel_header *header, struct ipc_destination_view destination,
                        mach_port_name_t reply_name)
{
	mach_msg_type_name_t local_type = MACH_MSGH_BITS_LOCAL(header->bits);
	/* From here the header holds names: reply in remote, destination in local. */
	header->remote = (struct ipc_port *)(uintptr_t)reply_name;
	header->protected_payload = destination.word;
	header->bits =
	    (header->bits & MACH_MSGH_BITS_COMPLEX) | MACH_MSGH_BITS(local_type, destination.type);
}

mach_msg_return_t ipc_copyout_rights(struct ipc_space *space, struct ipc_kmsg *kmsg,
                                     struct ipc_deferred *deferred)
{
	mach_msg_return_t result = MACH_MSG_SUCCESS;
	struct ipc_kernel_header *header = &kmsg->header;
	mach_msg_type_name_t local_type = MACH_MSGH_BITS_LOCAL(header->bits);
	struct ipc_port *destination = header->remote;
	mach_port_name_t reply_name;
	struct ipc_destination_view view = ipc_copyout_destination(space, header);
	if (MACH_MSGH_BITS_REMOTE(header->bits) == MACH_MSG_TYPE_PORT_SEND)
		ipc_port_drop_send(destination, deferred);
	else
		ipc_port_drop_send_once(destination, deferred);
	if (!copyout_one(space, header->local, local_type, &reply_name, deferred))
		result = MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE;
	ipc_copyout_header(header, view, reply_name);
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		const struct ipc_item item = walk.item;
		if (!item.is_port)
			continue;
		mach_msg_type_name_t type = ipc_disposition_result(item.name);
		uint8_t *ports = walk.data;
		bool widened =
		    item.is_inline; /* inline: a name per 8-byte slot; OOL: packed names */
		if (!item.is_inline)
			memcpy(&ports, ports, sizeof(ports));
		for (mach_msg_type_number_t i = 0; ports && i < item.number; i++) {
			struct ipc_port *port;
			mach_port_name_t name;
			memcpy(&port, ports + i * sizeof(port), sizeof(port));
			if (!copyout_one(space, port, type, &name, deferred) &&
			    result == MACH_MSG_SUCCESS)
				result = MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE;
			uint64_t slot = name;
			if (widened)
				memcpy(ports + i * sizeof(port), &slot, sizeof(slot));
			else
				memcpy(ports + i * sizeof(name), &name, sizeof(name));
		}
	}
	return result;
}

/* Writes size bytes at *user_address and advances it; remembers a failure. */
static void put_user(struct ipc_space *space, uint64_t *user_address, const void *data, size_t size,
                     bool *failed)
{
	if (!*failed && size && !ipc_host_copyout(space, *user_address, data, size))
		*failed = true;
	*user_address += size;
}

mach_msg_return_t ipc_copyout_to_user(struct ipc_space *space, struct ipc_kmsg *kmsg,
                                      uint64_t user_address, mach_msg_return_t rights_result)
{
	mach_msg_return_t result = rights_result;
	bool failed = false;
	struct ipc_kernel_header *kernel_header = &kmsg->header;
	mach_msg_header_t header;
	memset(&header, 0, sizeof(header));
	header.msgh_bits = kernel_header->bits;
	header.msgh_size = ipc_kmsg_user_size(kmsg);
	header.msgh_remote_port = (mach_port_t)(uintptr_t)kernel_header->remote;
	header.msgh_protected_payload = kernel_header->protected_payload;
	header.msgh_seqno = kernel_header->seqno;
	header.msgh_id = kernel_header->id;
	put_user(space, &user_address, &header, sizeof(header), &failed);
	if (!(kernel_header->bits & MACH_MSGH_BITS_COMPLEX))
		put_user(space, &user_address, IPC_KMSG_BODY(kmsg),
		         kernel_header->size - sizeof(struct ipc_kernel_header), &failed);
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		const struct ipc_item item = walk.item;
		uint8_t *item_header = walk.header;
		uint8_t *data = walk.data;
		if (item.is_port) {
			/* Back to the user's view: 32-bit names. */
			mach_msg_type_t type;
			memcpy(&type, item_header, sizeof(type));
			if (type.msgt_longform) {
				mach_msg_type_long_t long_type;
				memcpy(&long_type, item_header, sizeof(long_type));
				long_type.msgtl_size = 32;
				memcpy(item_header, &long_type, sizeof(long_type));
			} else {
				type.msgt_size = 32;
				memcpy(item_header, &type, sizeof(type));
			}
		}
		put_user(space, &user_address, item_header, item.header_size, &failed);
		if (item.is_inline && item.is_port) {
			for (mach_msg_type_number_t i = 0; i < item.number; i++) {
				uint64_t slot;
				memcpy(&slot, data + i * sizeof(slot), sizeof(slot));
				mach_port_name_t name = (mach_port_name_t)slot;
				put_user(space, &user_address, &name, sizeof(name), &failed);
			}
		} else if (item.is_inline) {
			put_user(space, &user_address, data, item.data_size, &failed);
		} else {
			void *buffer;
			memcpy(&buffer, data, sizeof(buffer));
			uint64_t address = 0;
			size_t user_ool_size =
			    item.is_port ? (size_t)item.number * 4 : item.ool_size;
			if (buffer) {
				bool copy = ipc_ool_is_copy(buffer);
				kern_return_t kr = KERN_FAILURE;
				if (!failed && copy)
					kr = ipc_host_vm_copyout_copy(space, ipc_ool_copy(buffer),
					                              &address);
				else if (!failed)
					kr = ipc_host_vm_copyout(space, buffer, user_ool_size,
					                         &address);
				if (!failed && kr != KERN_SUCCESS) {
					address = 0;
					if (result == MACH_MSG_SUCCESS)
						result = MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE;
				}
				if (!copy || kr != KERN_SUCCESS) /* a mapped copy is consumed */
					ipc_ool_release(buffer, item.ool_size, NULL);
			}
			put_user(space, &user_address, &address, sizeof(address), &failed);
		}
	}
	ipc_kmsg_free(kmsg);
	return failed ? MACH_RCV_INVALID_DATA : result;
}
