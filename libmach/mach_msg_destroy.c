/* mach_msg_destroy: gives back everything a received message holds, walking
 * the typed body of <mach/message.h>: header rights, port rights inline and
 * out of line, and out-of-line memory. */
#include <mach.h>
#include <stdint.h>

/* Body layout on x86_64 (what MIG lays out and the kernel checks): each item is
 * a 4-byte mach_msg_type_t (12 bytes in long form) followed by its data, inline
 * data padded to 4 bytes, out-of-line data as an 8-byte address at a 4-byte
 * aligned offset. */
#define BODY_ALIGNMENT 4

static void destroy_right(mach_port_t name, mach_msg_type_name_t type)
{
	if (!MACH_PORT_VALID(name))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		(void)mach_port_mod_refs(mach_task_self(), name, MACH_PORT_RIGHT_RECEIVE, -1);
		break;
	case MACH_MSG_TYPE_PORT_SEND:
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		(void)mach_port_deallocate(mach_task_self(), name);
		break;
	default:
		/* COPY_SEND, MAKE_SEND, MAKE_SEND_ONCE of an unsent message own no
		 * right; payloads and plain names are not rights. */
		break;
	}
}

static void destroy_ports(const unsigned char *names, uint64_t count, mach_msg_type_name_t type)
{
	for (uint64_t i = 0; i < count; i++) {
		mach_port_t name;
		__builtin_memcpy(&name, names + i * sizeof(name), sizeof(name));
		destroy_right(name, type);
	}
}

void mach_msg_destroy(mach_msg_header_t *message)
{
	mach_msg_bits_t bits = message->msgh_bits;
	/* The local field holds no right: receiving consumed the destination
	 * right, and the field names the port (or carries its payload). */
	destroy_right(message->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	if (!(bits & MACH_MSGH_BITS_COMPLEX))
		return;

	unsigned char *cursor = (unsigned char *)(message + 1);
	unsigned char *end = (unsigned char *)message + message->msgh_size;
	while (cursor + sizeof(mach_msg_type_t) <= end) {
		mach_msg_type_t type;
		__builtin_memcpy(&type, cursor, sizeof(type));
		mach_msg_type_name_t name = type.msgt_name;
		uint64_t size_bits = type.msgt_size;
		uint64_t count = type.msgt_number;
		uint64_t descriptor_size = sizeof(mach_msg_type_t);
		if (type.msgt_longform) {
			mach_msg_type_long_t long_type;
			if (cursor + sizeof(long_type) > end)
				return;
			__builtin_memcpy(&long_type, cursor, sizeof(long_type));
			name = long_type.msgtl_name;
			size_bits = long_type.msgtl_size;
			count = long_type.msgtl_number;
			descriptor_size = sizeof(long_type);
		}
		cursor += descriptor_size;
		uint64_t data_bytes = (count * size_bits + 7) / 8;
		boolean_t is_port = MACH_MSG_TYPE_PORT_ANY(name);

		if (type.msgt_inline) {
			uint64_t padded =
			    (data_bytes + BODY_ALIGNMENT - 1) & ~(uint64_t)(BODY_ALIGNMENT - 1);
			if (padded > (uint64_t)(end - cursor))
				return;
			if (is_port)
				destroy_ports(cursor, count, name);
			cursor += padded;
			continue;
		}

		vm_address_t address;
		if (sizeof(address) > (uint64_t)(end - cursor))
			return;
		__builtin_memcpy(&address, cursor, sizeof(address));
		cursor += sizeof(address);
		if (address == 0 || data_bytes == 0)
			continue;
		if (is_port)
			destroy_ports((const unsigned char *)address, count, name);
		(void)vm_deallocate(mach_task_self(), address, data_bytes);
	}
}
