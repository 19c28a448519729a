/* Kernel object ports: their creation and destruction, their no-senders
 * requests, and serving a request sent to one synchronously in the sender's
 * thread through the kernel's MIG demux (ipc_host_kernel_server), then sending
 * the reply. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"
#include <mach/mig_errors.h>

/* The start of every MIG reply: header, RetCode's type, RetCode. */
struct kernel_reply_start {
	struct ipc_kernel_header header;
	mach_msg_type_t return_code_type;
	kern_return_t return_code;
};

struct ipc_port *ipc_kobject_port_create(void *object, unsigned kind)
{
	struct ipc_port *port = ipc_port_alloc_kernel();
	if (port) {
		port->kobject = object;
		port->kobject_kind = kind;
	}
	return port;
}

void ipc_kobject_port_destroy(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return;
	irq_state_t state = ipc_lock_acquire();
	port->kobject = NULL;
	port->kobject_kind = 0;
	ipc_lock_release(state);
	ipc_port_release_receive(port);
}

void *ipc_port_kobject(struct ipc_port *port, unsigned kind)
{
	if (!IPC_PORT_VALID(port) || kind == 0)
		return NULL;
	irq_state_t state = ipc_lock_acquire();
	void *object = port->active && port->kobject_kind == kind ? port->kobject : NULL;
	ipc_lock_release(state);
	return object;
}

bool ipc_port_is_kobject(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return false;
	irq_state_t state = ipc_lock_acquire();
	bool kobject = port->active && port->kobject_kind != 0;
	ipc_lock_release(state);
	return kobject;
}

bool ipc_kobject_request_no_senders(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return true;
	irq_state_t state = ipc_lock_acquire();
	bool none = !port->active || port->kobject_kind == 0 || port->send_rights == 0;
	if (!none && !port->no_senders_request) {
		ipc_port_add_send_once(port);
		port->no_senders_request = port;
	}
	ipc_lock_release(state);
	return none;
}

void ipc_kobject_serve_from_kernel(struct ipc_kmsg *message)
{
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	struct ipc_kernel_header *header = &message->header;
	struct ipc_kmsg *reply = ipc_kmsg_alloc(IPC_KERNEL_REPLY_MAX);
	if (reply) {
		memset(&reply->header, 0, sizeof(struct kernel_reply_start));
		reply->header.size = sizeof(struct kernel_reply_start);
		(void)ipc_host_kernel_server((mach_msg_header_t *)header,
		                             (mach_msg_header_t *)&reply->header,
		                             IPC_KERNEL_REPLY_MAX);
	}
	irq_state_t state = ipc_lock_acquire();
	/* The destination right is used up; a reply (the kernel asks for none) and
	 * whatever the message still carries are dropped. */
	struct ipc_port *destination = header->remote;
	mach_msg_type_name_t type = MACH_MSGH_BITS_REMOTE(header->bits);
	header->remote = NULL;
	header->bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
	if (IPC_PORT_VALID(destination)) {
		if (type == MACH_MSG_TYPE_PORT_SEND_ONCE)
			ipc_port_drop_send_once(destination, &deferred);
		else
			ipc_right_release(destination, type, &deferred);
	}
	ipc_kmsg_clean(message, &deferred);
	if (reply) {
		if (reply->header.size < sizeof(struct ipc_kernel_header) ||
		    reply->header.size > IPC_KERNEL_REPLY_MAX)
			ipc_kmsg_free(reply);
		else
			ipc_kmsg_clean(reply, &deferred);
	}
	ipc_unlock_and_flush(state, &deferred);
}

static void send_reply(struct ipc_kmsg *reply)
{
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	ipc_kmsg_copyin_kernel(reply);
	struct ipc_port *destination = reply->header.remote;
	if (IPC_PORT_VALID(destination))
		ipc_mqueue_deliver(destination, reply, &deferred);
	else
		ipc_kmsg_clean(reply, &deferred);
	ipc_unlock_and_flush(state, &deferred);
}

void ipc_kobject_serve(struct ipc_kmsg *request)
{
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	struct ipc_kernel_header *header = &request->header;
	struct ipc_port *reply_port = header->local;
	mach_msg_type_name_t reply_type = MACH_MSGH_BITS_LOCAL(header->bits);
	__atomic_add_fetch(&ipc_stats.kernel_requests, 1, __ATOMIC_RELAXED);
	/* Server routines read out-of-line data from buffers. */
	bool readable = ipc_kmsg_copies_to_buffers(request);
	struct ipc_kmsg *reply = ipc_kmsg_alloc(IPC_KERNEL_REPLY_MAX);
	kern_return_t return_code = MIG_NO_REPLY;
	if (reply) {
		memset(&reply->header, 0, sizeof(struct kernel_reply_start));
		reply->header.size = sizeof(struct kernel_reply_start);
		struct kernel_reply_start *start = (struct kernel_reply_start *)&reply->header;
		if (!readable || !ipc_host_kernel_server((mach_msg_header_t *)header,
		                                         (mach_msg_header_t *)&reply->header,
		                                         IPC_KERNEL_REPLY_MAX)) {
			/* No server knows this id (or its data could not be read):
			 * the reply says so. */
			mach_msg_type_t type = {MACH_MSG_TYPE_INTEGER_32, 32, 1, 1, 0, 0, 0};
			start->header.bits = MACH_MSGH_BITS(reply_type, 0);
			start->header.size = sizeof(*start);
			start->header.remote = reply_port;
			start->header.local = NULL;
			start->header.id = header->id + 100;
			start->return_code_type = type;
			start->return_code = readable ? MIG_BAD_ID : KERN_RESOURCE_SHORTAGE;
		}
		return_code = start->return_code;
	}
	irq_state_t state = ipc_lock_acquire();
	/* The destination right is released; on failure so is everything the request carried. */
	ipc_right_release(header->remote, MACH_MSGH_BITS_REMOTE(header->bits), &deferred);
	header->remote = NULL;
	header->local = NULL;
	header->bits &= ~MACH_MSGH_BITS_PORTS_MASK;
	if (return_code != KERN_SUCCESS && return_code != MIG_NO_REPLY)
		ipc_kmsg_clean(request, &deferred);
	else
		ipc_kmsg_free(request);
	if (!reply)
		ipc_right_release(reply_port, reply_type, &deferred);
	ipc_unlock_and_flush(state, &deferred);
	if (!reply)
		return;
	if (return_code == MIG_NO_REPLY) {
		ipc_kmsg_free(reply);
		return;
	}
	if (reply->header.size < sizeof(struct ipc_kernel_header) ||
	    reply->header.size > IPC_KERNEL_REPLY_MAX)
		reply->header.size = sizeof(struct kernel_reply_start);
	send_reply(reply);
}

void ipc_kobject_port_detach(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return;
	irq_state_t state = ipc_lock_acquire();
	port->kobject = NULL;
	port->kobject_kind = 0;
	ipc_lock_release(state);
}

bool ipc_port_alive(struct ipc_port *port)
{
	return IPC_PORT_VALID(port) && __atomic_load_n(&port->active, __ATOMIC_ACQUIRE);
}
