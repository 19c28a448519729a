/* Typed items of a message body (mach_msg_type_t / mach_msg_type_long_t),
 * parsed with every size checked, in user format (32-bit port names) or kernel
 * format (64-bit port pointers), and the result type of each disposition. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

mach_msg_type_name_t ipc_disposition_result(mach_msg_type_name_t disposition)
{
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return 0;
	}
}

static size_t round_up_4(uint64_t size)
{
	return (size_t)((size + 3) & ~(uint64_t)3);
}

mach_msg_return_t ipc_item_parse(const uint8_t *body, size_t body_size, size_t offset,
                                 bool kernel_format, struct ipc_item *item)
{
	mach_msg_type_t type;
	if (offset + sizeof(type) > body_size)
		return MACH_SEND_MSG_TOO_SMALL;
	memcpy(&type, body + offset, sizeof(type));
	memset(item, 0, sizeof(*item));
	/* The unused bit must be clear; deallocating inline data means nothing (a
	 * user's message is refused for it; the kernel's MIG stubs set it on the
	 * receive rights they move, as in memory_object_terminate). */
	if (type.msgt_unused || (type.msgt_inline && type.msgt_deallocate && !kernel_format))
		return MACH_SEND_INVALID_TYPE;
	item->is_inline = type.msgt_inline;
	item->deallocate = type.msgt_deallocate;
	if (type.msgt_longform) {
		mach_msg_type_long_t long_type;
		if (offset + sizeof(long_type) > body_size)
			return MACH_SEND_MSG_TOO_SMALL;
		memcpy(&long_type, body + offset, sizeof(long_type));
		item->name = long_type.msgtl_name;
		item->size_bits = long_type.msgtl_size;
		item->number = long_type.msgtl_number;
		item->header_size = sizeof(long_type);
	} else {
		item->name = type.msgt_name;
		item->size_bits = type.msgt_size;
		item->number = type.msgt_number;
		item->header_size = sizeof(type);
	}
	if (item->name > MACH_MSG_TYPE_LAST || item->name == MACH_MSG_TYPE_PROTECTED_PAYLOAD ||
	    item->name == MACH_MSG_TYPE_MAKE_SEND_ONCE + 1)
		return MACH_SEND_INVALID_TYPE;
	item->is_port = MACH_MSG_TYPE_PORT_ANY(item->name);
	size_t port_size = kernel_format ? 8 : 4;
	if (item->is_port && item->size_bits != port_size * 8)
		return MACH_SEND_INVALID_TYPE;
	uint64_t bytes = ((uint64_t)item->size_bits * item->number + 7) / 8;
	if (bytes > IPC_MESSAGE_OOL_MAX)
		return MACH_SEND_MSG_TOO_SMALL;
	if (item->is_inline) {
		item->data_size = round_up_4(bytes);
	} else {
		item->data_size = sizeof(uint64_t);
		item->ool_size = (size_t)bytes;
	}
	if (offset + item->header_size + item->data_size > body_size)
		return MACH_SEND_MSG_TOO_SMALL;
	return MACH_MSG_SUCCESS;
}

struct ipc_body_walk ipc_body_walk_begin(struct ipc_kmsg *kmsg)
{
	struct ipc_body_walk walk = {.body = IPC_KMSG_BODY(kmsg)};
	if (kmsg->header.bits & MACH_MSGH_BITS_COMPLEX)
		walk.size = kmsg->header.size - sizeof(struct ipc_kernel_header);
	return walk;
}

bool ipc_body_walk_next(struct ipc_body_walk *walk)
{
	size_t offset = walk->next_offset;
	if (offset >= walk->size ||
	    ipc_item_parse(walk->body, walk->size, offset, true, &walk->item) != MACH_MSG_SUCCESS)
		return false;
	walk->header = walk->body + offset;
	walk->data = walk->header + walk->item.header_size;
	walk->next_offset = offset + walk->item.header_size + walk->item.data_size;
	return true;
}
