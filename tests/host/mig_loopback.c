/* The loopback mach_msg: copies a request as the kernel would deliver it
 * (dispositions become received rights, out-of-line data a fresh region), runs
 * the server demux, and delivers the reply the same way. */
#include "mig_loopback.h"

#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MESSAGE_BUFFER_SIZE (256 * 1024)
#define MAX_REGIONS         1024
#define BODY_ALIGNMENT      4

static loopback_demux_t current_demux;
static loopback_later_t current_answer_later;
/* A reply sent on its own (a reply stub's send-only mach_msg), not yet
 * delivered. */
static union {
	mach_msg_header_t header;
	unsigned char bytes[MESSAGE_BUFFER_SIZE];
} late_reply;
static boolean_t late_reply_pending;
static mach_port_t payload_port;
static unsigned long payload_value;
static size_t misuse_count;
static struct loopback_traffic traffic;
static struct region {
	vm_address_t address;
	vm_size_t size;
} regions[MAX_REGIONS];

void loopback_set_demux(loopback_demux_t demux)
{
	current_demux = demux;
}

void loopback_set_later(loopback_later_t answer_later)
{
	current_answer_later = answer_later;
}

void loopback_set_protected_payload(mach_port_t port, unsigned long payload)
{
	payload_port = port;
	payload_value = payload;
}

size_t loopback_misuse_count(void)
{
	return misuse_count;
}

struct loopback_traffic loopback_last_traffic(void)
{
	return traffic;
}

size_t loopback_live_regions(void)
{
	size_t live = 0;
	for (size_t i = 0; i < MAX_REGIONS; i++)
		live += regions[i].address != 0;
	return live;
}

static vm_size_t page_round(vm_size_t size)
{
	vm_size_t page = (vm_size_t)sysconf(_SC_PAGESIZE);
	return (size + page - 1) & ~(page - 1);
}

/* --- MIG's support routines, as libmach provides them to programs --- */

void mig_allocate(vm_address_t *address, vm_size_t size)
{
	*address = 0;
	if (size == 0)
		return;
	void *memory = mmap(NULL, page_round(size), PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (memory == MAP_FAILED) {
		misuse_count++;
		return;
	}
	for (size_t i = 0; i < MAX_REGIONS; i++) {
		if (regions[i].address == 0) {
			regions[i] = (struct region){(vm_address_t)memory, size};
			*address = (vm_address_t)memory;
			return;
		}
	}
	misuse_count++; /* more regions alive than a test should ever need */
	munmap(memory, page_round(size));
}

void mig_deallocate(vm_address_t address, vm_size_t size)
{
	if (address == 0 && size == 0)
		return;
	for (size_t i = 0; i < MAX_REGIONS; i++) {
		if (regions[i].address == address) {
			if (page_round(regions[i].size) != page_round(size))
				misuse_count++;
			munmap((void *)address, page_round(regions[i].size));
			regions[i] = (struct region){0, 0};
			return;
		}
	}
	misuse_count++;
}

mach_port_t mig_get_reply_port(void)
{
	return LOOPBACK_REPLY_PORT;
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	if (reply_port != LOOPBACK_REPLY_PORT)
		misuse_count++;
}

void mig_put_reply_port(mach_port_t reply_port)
{
	if (reply_port != LOOPBACK_REPLY_PORT)
		misuse_count++;
}

vm_size_t mig_strncpy(char *destination, const char *source, vm_size_t length)
{
	vm_size_t copied = 0;
	if (length == 0)
		return 0;
	while (copied + 1 < length && source[copied] != '\0') {
		destination[copied] = source[copied];
		copied++;
	}
	destination[copied] = '\0';
	return copied;
}

/* --- delivery --- */

/* The right a receiver holds for a disposition the sender gave. */
static mach_msg_type_name_t received_right(mach_msg_type_name_t disposition)
{
	switch (disposition) {
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return disposition;
	}
}

static void count_right(mach_msg_type_name_t disposition, uint64_t count, boolean_t is_request)
{
	if (is_request) {
		if (disposition == MACH_MSG_TYPE_COPY_SEND)
			traffic.request_copy_sends += (unsigned)count;
		else if (disposition == MACH_MSG_TYPE_MAKE_SEND)
			traffic.request_make_sends += (unsigned)count;
	} else if (disposition == MACH_MSG_TYPE_MOVE_SEND) {
		traffic.reply_move_sends += (unsigned)count;
	} else if (disposition == MACH_MSG_TYPE_MAKE_SEND) {
		traffic.reply_make_sends += (unsigned)count;
	} else if (disposition == MACH_MSG_TYPE_COPY_SEND) {
		traffic.reply_copy_sends += (unsigned)count;
	}
}

/* Walks the typed body of message (already copied into the receiver's buffer)
 * as the kernel would: port dispositions become received rights, out-of-line
 * data moves to a fresh region (the sender's is freed when it says
 * deallocate). With destroy, instead frees the out-of-line regions a refused
 * request carried. Returns FALSE for a body it cannot walk. */
static boolean_t walk_body(mach_msg_header_t *message, boolean_t is_request, boolean_t destroy)
{
	if (!(message->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return TRUE;
	unsigned char *cursor = (unsigned char *)(message + 1);
	unsigned char *end = (unsigned char *)message + message->msgh_size;
	while (cursor < end) {
		if ((size_t)(end - cursor) < sizeof(mach_msg_type_t))
			return FALSE;
		mach_msg_type_t *type = (mach_msg_type_t *)cursor;
		mach_msg_type_name_t name = type->msgt_name;
		uint64_t size_bits = type->msgt_size;
		uint64_t count = type->msgt_number;
		size_t descriptor_size = sizeof(mach_msg_type_t);
		if (type->msgt_longform) {
			if ((size_t)(end - cursor) < sizeof(mach_msg_type_long_t))
				return FALSE;
			mach_msg_type_long_t *long_type = (mach_msg_type_long_t *)cursor;
			name = long_type->msgtl_name;
			size_bits = long_type->msgtl_size;
			count = long_type->msgtl_number;
			descriptor_size = sizeof(mach_msg_type_long_t);
		}
		boolean_t is_port = MACH_MSG_TYPE_PORT_ANY(name);
		if (!destroy) {
			if (is_port)
				count_right(name, count, is_request);
			mach_msg_type_name_t received = received_right(name);
			if (type->msgt_longform)
				((mach_msg_type_long_t *)cursor)->msgtl_name =
				    (unsigned short)received;
			else
				type->msgt_name = received & 0xff;
		}
		cursor += descriptor_size;
		uint64_t data_bytes = (count * size_bits + 7) / 8;
		if (type->msgt_inline) {
			uint64_t padded =
			    (data_bytes + BODY_ALIGNMENT - 1) & ~(uint64_t)(BODY_ALIGNMENT - 1);
			if (padded > (uint64_t)(end - cursor))
				return FALSE;
			cursor += padded;
			continue;
		}
		if ((size_t)(end - cursor) < sizeof(vm_address_t))
			return FALSE;
		vm_address_t source;
		memcpy(&source, cursor, sizeof(source));
		if (destroy) {
			if (source != 0 && data_bytes != 0)
				mig_deallocate(source, data_bytes);
			cursor += sizeof(vm_address_t);
			continue;
		}
		if (is_request)
			traffic.request_ool_items++;
		else
			traffic.reply_ool_items++;
		vm_address_t copy = 0;
		if (data_bytes != 0) {
			mig_allocate(&copy, data_bytes);
			if (copy == 0)
				return FALSE;
			memcpy((void *)copy, (const void *)source, data_bytes);
		}
		if (type->msgt_deallocate && data_bytes != 0)
			mig_deallocate(source, data_bytes);
		type->msgt_deallocate = 0;
		memcpy(cursor, &copy, sizeof(copy));
		cursor += sizeof(vm_address_t);
	}
	return cursor == end;
}

mach_msg_return_t mach_msg(mach_msg_header_t *message, mach_msg_option_t option,
                           mach_msg_size_t send_size, mach_msg_size_t receive_size,
                           mach_port_t receive_name, mach_msg_timeout_t timeout, mach_port_t notify)
{
	static union {
		mach_msg_header_t header;
		unsigned char bytes[MESSAGE_BUFFER_SIZE];
	} request, reply;
	(void)timeout;
	(void)notify;
	if (option == MACH_SEND_MSG) {
		/* A server's late reply: kept until the RPC that waits takes it. */
		if (send_size != message->msgh_size || send_size > sizeof(late_reply) ||
		    message->msgh_remote_port != LOOPBACK_REPLY_PORT || late_reply_pending) {
			misuse_count++;
			return MACH_SEND_INVALID_DEST;
		}
		memcpy(late_reply.bytes, message, send_size);
		late_reply_pending = TRUE;
		return MACH_MSG_SUCCESS;
	}
	traffic = (struct loopback_traffic){0};
	if (option != (MACH_SEND_MSG | MACH_RCV_MSG) || send_size != message->msgh_size ||
	    send_size > sizeof(request) || receive_name != LOOPBACK_REPLY_PORT ||
	    current_demux == NULL) {
		misuse_count++;
		return MACH_SEND_INVALID_DATA;
	}

	/* The request as the server receives it: destination and reply swap
	 * places, each with the right the receiver now holds. */
	memcpy(request.bytes, message, send_size);
	mach_msg_bits_t bits = message->msgh_bits;
	request.header.msgh_remote_port = message->msgh_local_port;
	request.header.msgh_local_port = message->msgh_remote_port;
	request.header.msgh_bits = (bits & MACH_MSGH_BITS_COMPLEX) |
	                           MACH_MSGH_BITS(received_right(MACH_MSGH_BITS_LOCAL(bits)),
	                                          received_right(MACH_MSGH_BITS_REMOTE(bits)));
	if (payload_value != 0 && message->msgh_remote_port == payload_port) {
		request.header.msgh_protected_payload = payload_value;
		request.header.msgh_bits = (request.header.msgh_bits & ~MACH_MSGH_BITS_LOCAL_MASK) |
		                           MACH_MSGH_BITS(0, MACH_MSG_TYPE_PROTECTED_PAYLOAD);
	}
	if (!walk_body(&request.header, TRUE, FALSE)) {
		misuse_count++;
		return MACH_SEND_INVALID_TYPE;
	}

	memset(reply.bytes, 0, sizeof(mig_reply_header_t));
	current_demux(&request.header, &reply.header);
	mig_reply_header_t *error_reply = (mig_reply_header_t *)reply.bytes;
	if (!(reply.header.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    error_reply->RetCode != KERN_SUCCESS) {
		if (error_reply->RetCode == MIG_NO_REPLY) {
			/* The server kept the reply port: its later work answers. */
			if (current_answer_later != NULL)
				current_answer_later();
			if (!late_reply_pending) {
				misuse_count++;
				return MACH_RCV_TIMED_OUT;
			}
			memcpy(reply.bytes, late_reply.bytes, late_reply.header.msgh_size);
			late_reply_pending = FALSE;
			traffic.answered_later = TRUE;
		} else {
			/* As mach_msg_server: a refused request's resources are
			 * destroyed. */
			walk_body(&request.header, TRUE, TRUE);
			traffic.request_destroyed = TRUE;
		}
	}

	/* The reply as the client receives it, on its reply port. */
	mach_msg_bits_t reply_bits = reply.header.msgh_bits;
	if (reply.header.msgh_remote_port != LOOPBACK_REPLY_PORT ||
	    reply.header.msgh_size > sizeof(reply)) {
		misuse_count++;
		return MACH_SEND_INVALID_DEST;
	}
	if (reply.header.msgh_size > receive_size)
		return MACH_RCV_TOO_LARGE;
	reply.header.msgh_remote_port = MACH_PORT_NULL;
	reply.header.msgh_local_port = LOOPBACK_REPLY_PORT;
	reply.header.msgh_bits =
	    (reply_bits & MACH_MSGH_BITS_COMPLEX) |
	    MACH_MSGH_BITS(0, received_right(MACH_MSGH_BITS_REMOTE(reply_bits)));
	if (!walk_body(&reply.header, FALSE, FALSE)) {
		misuse_count++;
		return MACH_RCV_INVALID_DATA;
	}
	memcpy(message, reply.bytes, reply.header.msgh_size);
	return MACH_MSG_SUCCESS;
}
