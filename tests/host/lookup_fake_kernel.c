/* The fake Mach of lib/lookup's host tests: port names with the client's
 * rights counted, mach_msg handing requests to fs/io/auth demuxes in process
 * (or to nobody, for a silent port), and MIG's support routines. */
#include "lookup_fake_kernel.h"

#include <mach/mach_types.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define FAKE_PORT_BASE    0x100
#define FAKE_PORT_COUNT   512
#define FAKE_REPLY_BASE   0x7000
#define FAKE_MESSAGE_SIZE (64 * 1024)

boolean_t fs_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t io_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t auth_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static struct fake_port {
	bool exists;
	bool receive; /* the client holds the receive right */
	unsigned send_refs;
	enum fake_port_behaviour behaviour;
	void *object;
} ports[FAKE_PORT_COUNT];
static unsigned port_count;
static unsigned misuse;
static unsigned calls;
static unsigned timeouts;
static mach_msg_timeout_t last_timeout;
static mach_port_t reply_port = FAKE_REPLY_BASE;

mach_port_t mach_task_self_ = 0x42;

static struct fake_port *port_of(mach_port_t name)
{
	if (name < FAKE_PORT_BASE || name >= FAKE_PORT_BASE + port_count)
		return NULL;
	return &ports[name - FAKE_PORT_BASE];
}

mach_port_t fake_port_make(void *object, enum fake_port_behaviour behaviour)
{
	if (port_count == FAKE_PORT_COUNT)
		abort();
	struct fake_port *port = &ports[port_count];
	*port = (struct fake_port){.exists = true, .behaviour = behaviour, .object = object};
	return FAKE_PORT_BASE + port_count++;
}

void *fake_port_object(mach_port_t name)
{
	struct fake_port *port = port_of(name);
	return port ? port->object : NULL;
}

void fake_port_add_send(mach_port_t name)
{
	struct fake_port *port = port_of(name);
	if (port == NULL)
		misuse++;
	else
		port->send_refs++;
}

unsigned fake_port_send_refs(mach_port_t name)
{
	struct fake_port *port = port_of(name);
	return port ? port->send_refs : 0;
}

bool fake_port_has_receive(mach_port_t name)
{
	struct fake_port *port = port_of(name);
	return port && port->receive;
}

unsigned fake_client_send_rights(void)
{
	unsigned total = 0;
	for (unsigned i = 0; i < port_count; i++)
		total += ports[i].send_refs;
	return total;
}

unsigned fake_client_receive_rights(void)
{
	unsigned total = 0;
	for (unsigned i = 0; i < port_count; i++)
		total += ports[i].receive;
	return total;
}

unsigned fake_kernel_misuse(void)
{
	return misuse;
}

mach_msg_timeout_t fake_kernel_last_timeout(void)
{
	return last_timeout;
}

unsigned fake_kernel_calls(void)
{
	return calls;
}

unsigned fake_kernel_timeouts(void)
{
	return timeouts;
}

mach_port_t fake_current_reply_port(void)
{
	return reply_port;
}

bool fake_late_reply(mach_port_t name)
{
	return name == reply_port;
}

/* --- the port calls lib/lookup makes --- */

kern_return_t mach_port_allocate(mach_port_t task, mach_port_right_t right, mach_port_t *name)
{
	if (task != mach_task_self_ || right != MACH_PORT_RIGHT_RECEIVE) {
		misuse++;
		return KERN_INVALID_ARGUMENT;
	}
	*name = fake_port_make(NULL, FAKE_PORT_ANSWERS);
	port_of(*name)->receive = true;
	return KERN_SUCCESS;
}

kern_return_t mach_port_deallocate(mach_port_t task, mach_port_t name)
{
	struct fake_port *port = port_of(name);
	if (task != mach_task_self_ || port == NULL || port->send_refs == 0) {
		misuse++;
		return KERN_INVALID_RIGHT;
	}
	port->send_refs--;
	return KERN_SUCCESS;
}

kern_return_t mach_port_mod_refs(mach_port_t task, mach_port_t name, mach_port_right_t right,
                                 mach_port_delta_t delta)
{
	struct fake_port *port = port_of(name);
	if (task != mach_task_self_ || port == NULL) {
		misuse++;
		return KERN_INVALID_NAME;
	}
	if (right == MACH_PORT_RIGHT_RECEIVE) {
		if (!port->receive || delta != -1) {
			misuse++;
			return KERN_INVALID_RIGHT;
		}
		port->receive = false;
		return KERN_SUCCESS;
	}
	if (right == MACH_PORT_RIGHT_SEND && (int)port->send_refs + delta >= 0) {
		port->send_refs = (unsigned)((int)port->send_refs + delta);
		return KERN_SUCCESS;
	}
	misuse++;
	return KERN_INVALID_RIGHT;
}

/* --- MIG's support routines --- */

mach_port_t mig_get_reply_port(void)
{
	return reply_port;
}

void mig_dealloc_reply_port(mach_port_t name)
{
	if (name != reply_port)
		misuse++;
	reply_port++; /* the old one is destroyed: a late reply finds no receiver */
}

void mig_put_reply_port(mach_port_t name)
{
	if (name != reply_port)
		misuse++;
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

void mig_allocate(vm_address_t *address, vm_size_t size)
{
	void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*address = memory == MAP_FAILED ? 0 : (vm_address_t)memory;
}

void mig_deallocate(vm_address_t address, vm_size_t size)
{
	if (address != 0)
		munmap((void *)address, size);
}

/* --- delivery --- */

/* Walks message's typed body: each port right is moved from the sender's
 * side to the receiver's (the client's counts change when it is the sender
 * of MOVE_SEND or the receiver of any send right). Returns false for a body
 * it cannot walk or a right the client does not hold. */
static bool carry_rights(mach_msg_header_t *message, bool client_sends)
{
	if (!(message->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return true;
	unsigned char *cursor = (unsigned char *)(message + 1);
	unsigned char *end = (unsigned char *)message + message->msgh_size;
	while (cursor < end) {
		mach_msg_type_t *type = (mach_msg_type_t *)cursor;
		mach_msg_type_name_t name = type->msgt_name;
		uint64_t size_bits = type->msgt_size, count = type->msgt_number;
		size_t descriptor = sizeof(mach_msg_type_t);
		if (type->msgt_longform) {
			mach_msg_type_long_t *long_type = (mach_msg_type_long_t *)cursor;
			name = long_type->msgtl_name;
			size_bits = long_type->msgtl_size;
			count = long_type->msgtl_number;
			descriptor = sizeof(mach_msg_type_long_t);
		}
		cursor += descriptor;
		if (!type->msgt_inline)
			return false; /* none of the calls under test carries memory */
		uint64_t bytes = (count * size_bits + 7) / 8;
		if (MACH_MSG_TYPE_PORT_ANY(name)) {
			mach_port_t *names = (mach_port_t *)cursor;
			for (uint64_t i = 0; i < count; i++) {
				struct fake_port *port = port_of(names[i]);
				if (!MACH_PORT_VALID(names[i]))
					continue;
				if (port == NULL)
					return false;
				if (client_sends) {
					if (name == MACH_MSG_TYPE_MAKE_SEND && !port->receive)
						return false;
					if ((name == MACH_MSG_TYPE_COPY_SEND ||
					     name == MACH_MSG_TYPE_MOVE_SEND) &&
					    port->send_refs == 0)
						return false;
					if (name == MACH_MSG_TYPE_MOVE_SEND)
						port->send_refs--;
				} else {
					port->send_refs++;
				}
			}
			if (type->msgt_longform)
				((mach_msg_type_long_t *)type)->msgtl_name =
				    MACH_MSG_TYPE_PORT_SEND;
			else
				type->msgt_name = MACH_MSG_TYPE_PORT_SEND;
		}
		cursor += (bytes + 3) & ~(uint64_t)3;
	}
	return cursor == end;
}

mach_msg_return_t mach_msg(mach_msg_header_t *message, mach_msg_option_t option,
                           mach_msg_size_t send_size, mach_msg_size_t receive_size,
                           mach_port_t receive_name, mach_msg_timeout_t timeout, mach_port_t notify)
{
	static union {
		mach_msg_header_t header;
		mig_reply_header_t error;
		unsigned char bytes[FAKE_MESSAGE_SIZE];
	} request, reply;
	(void)notify;
	calls++;
	last_timeout = timeout;
	bool expects_reply = (option & MACH_RCV_MSG) != 0;
	mach_msg_option_t wanted = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	if (expects_reply)
		wanted |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
	if (option != wanted || send_size > sizeof(request) || send_size != message->msgh_size ||
	    (expects_reply && receive_name != reply_port)) {
		misuse++;
		return MACH_SEND_INVALID_HEADER;
	}
	struct fake_port *destination = port_of(message->msgh_remote_port);
	if (destination == NULL || destination->send_refs == 0) {
		misuse++;
		return MACH_SEND_INVALID_DEST;
	}
	memcpy(request.bytes, message, send_size);
	if (!carry_rights(&request.header, true)) {
		misuse++;
		return MACH_SEND_INVALID_RIGHT;
	}
	request.header.msgh_local_port = message->msgh_remote_port;
	request.header.msgh_remote_port = expects_reply ? reply_port : MACH_PORT_NULL;
	if (destination->behaviour == FAKE_PORT_SILENT) {
		if (!expects_reply)
			return MACH_MSG_SUCCESS;
		timeouts++;
		return MACH_RCV_TIMED_OUT;
	}
	memset(reply.bytes, 0, sizeof(reply.error));
	if (!fs_server(&request.header, &reply.header) &&
	    !io_server(&request.header, &reply.header) &&
	    !auth_server(&request.header, &reply.header))
		misuse++; /* answered MIG_BAD_ID by the last demux */
	if (!expects_reply)
		return MACH_MSG_SUCCESS;
	if (reply.header.msgh_size > receive_size)
		return MACH_RCV_TOO_LARGE;
	if (!carry_rights(&reply.header, false)) {
		misuse++;
		return MACH_RCV_INVALID_DATA;
	}
	reply.header.msgh_local_port = reply_port;
	reply.header.msgh_remote_port = MACH_PORT_NULL;
	memcpy(message, reply.bytes, reply.header.msgh_size);
	return MACH_MSG_SUCCESS;
}
