/* Ports: references, counts of send and send-once rights, make-send count,
 * death of the receive right and the notifications it causes. Every function
 * here runs with ipc_lock held. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"
#include <mach/notify.h>

struct ipc_port *ipc_port_alloc(void)
{
	struct ipc_port *port = ipc_memory_alloc(sizeof(*port));
	if (!port)
		return NULL;
	memset(port, 0, sizeof(*port));
	port->references = 1; /* the receive right's */
	port->active = true;
	port->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	ipc_stats.ports++;
	return port;
}

void ipc_port_reference(struct ipc_port *port)
{
	port->references++;
}

void ipc_port_release(struct ipc_port *port)
{
	if (--port->references > 0)
		return;
	ipc_stats.ports--;
	ipc_memory_free(port, sizeof(*port));
}

void ipc_port_add_send(struct ipc_port *port)
{
	port->send_rights++;
	port->references++;
}

void ipc_port_add_send_once(struct ipc_port *port)
{
	port->send_once_rights++;
	port->references++;
}

void ipc_port_make_send_locked(struct ipc_port *port)
{
	port->mscount++;
	ipc_port_add_send(port);
}

void ipc_port_drop_send(struct ipc_port *port, struct ipc_deferred *deferred)
{
	if (--port->send_rights == 0 && port->active && port->no_senders_request) {
		struct ipc_port *notify = port->no_senders_request;
		port->no_senders_request = NULL;
		ipc_defer_notification(deferred, MACH_NOTIFY_NO_SENDERS, notify, 0, port->mscount,
		                       NULL);
	}
	ipc_port_release(port);
}

void ipc_port_drop_send_once(struct ipc_port *port, struct ipc_deferred *deferred)
{
	(void)deferred;
	port->send_once_rights--;
	ipc_port_release(port);
}

void ipc_right_release(struct ipc_port *port, mach_msg_type_name_t type,
                       struct ipc_deferred *deferred)
{
	if (!IPC_PORT_VALID(port))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		ipc_port_drop_send(port, deferred);
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		/* An unused send-once right: it carries a send-once notification. */
		if (port->active)
			ipc_defer_notification(deferred, MACH_NOTIFY_SEND_ONCE, port, 0, 0, NULL);
		else
			ipc_port_drop_send_once(port, deferred);
		break;
	case MACH_MSG_TYPE_PORT_RECEIVE:
		ipc_port_destroy_receive_later(port, deferred);
		break;
	default:
		break;
	}
}

void ipc_port_set_in_transit(struct ipc_port *port, struct ipc_port *destination)
{
	if (port->in_transit_to)
		ipc_port_release(port->in_transit_to);
	port->in_transit_to = destination;
	if (destination)
		ipc_port_reference(destination);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
}

void ipc_port_set_receiver(struct ipc_port *port, struct ipc_space *space, mach_port_name_t name)
{
	ipc_port_set_in_transit(port, NULL);
	port->receiver = space;
	port->receiver_name = name;
}

bool ipc_port_is_circular(struct ipc_port *port, struct ipc_port *destination)
{
	for (struct ipc_port *hop = destination; hop; hop = hop->in_transit_to) {
		if (hop == port)
			return true;
		if (hop->receiver)
			return false;
	}
	return false;
}

void ipc_port_cancel_dead_name_request(struct ipc_port *port, struct ipc_space *space,
                                       mach_port_name_t name, struct ipc_deferred *deferred,
                                       bool send_port_deleted)
{
	struct ipc_dead_name_request **link = &port->dead_name_requests;
	while (*link) {
		struct ipc_dead_name_request *request = *link;
		if (request->space == space && request->name == name) {
			*link = request->next;
			if (send_port_deleted)
				ipc_defer_notification(deferred, MACH_NOTIFY_PORT_DELETED,
				                       request->notify, name, 0, NULL);
			else
				ipc_right_release(request->notify, MACH_MSG_TYPE_PORT_SEND_ONCE,
				                  deferred);
			ipc_memory_free(request, sizeof(*request));
			return;
		}
		link = &request->next;
	}
}

void ipc_port_destroy_receive_later(struct ipc_port *port, struct ipc_deferred *deferred)
{
	port->receiver = NULL;
	port->destroy_next = deferred->receive_rights_to_destroy;
	deferred->receive_rights_to_destroy = port;
}

void ipc_port_destroy_receive(struct ipc_port *port, struct ipc_deferred *deferred)
{
	ipc_pset_remove(port);
	if (port->port_destroyed_request) {
		/* The receive right goes to whoever asked for it instead of dying. */
		struct ipc_port *notify = port->port_destroyed_request;
		port->port_destroyed_request = NULL;
		ipc_port_set_in_transit(port, NULL);
		if (IPC_PORT_VALID(notify) && notify->active &&
		    !ipc_port_is_circular(port, notify)) {
			ipc_thread_queue_wake_all(&port->receivers, MACH_RCV_PORT_DIED);
			ipc_defer_notification(deferred, MACH_NOTIFY_PORT_DESTROYED, notify, 0, 0,
			                       port);
			return;
		}
		ipc_right_release(notify, MACH_MSG_TYPE_PORT_SEND_ONCE, deferred);
	}
	port->active = false;
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	port->kobject = NULL;
	port->kobject_kind = 0;
	ipc_port_set_in_transit(port, NULL);
	struct ipc_kmsg *kmsg;
	while ((kmsg = ipc_kmsg_dequeue(&port->messages)))
		ipc_kmsg_clean(kmsg, deferred);
	ipc_thread_queue_wake_all(&port->receivers, MACH_RCV_PORT_DIED);
	ipc_thread_queue_wake_all(&port->blocked_senders, MACH_SEND_INVALID_DEST);
	while (port->dead_name_requests) {
		struct ipc_dead_name_request *request = port->dead_name_requests;
		port->dead_name_requests = request->next;
		ipc_defer_notification(deferred, MACH_NOTIFY_DEAD_NAME, request->notify,
		                       request->name, 0, NULL);
		ipc_memory_free(request, sizeof(*request));
	}
	if (port->no_senders_request) {
		ipc_right_release(port->no_senders_request, MACH_MSG_TYPE_PORT_SEND_ONCE, deferred);
		port->no_senders_request = NULL;
	}
	ipc_port_release(port); /* the receive right's reference */
}

/* --- rights held by the kernel --- */

struct ipc_port *ipc_port_make_send(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return port;
	irq_state_t state = ipc_lock_acquire();
	ipc_port_make_send_locked(port);
	ipc_lock_release(state);
	return port;
}

struct ipc_port *ipc_port_copy_send(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return port;
	irq_state_t state = ipc_lock_acquire();
	if (!port->active) {
		ipc_lock_release(state);
		return IPC_PORT_DEAD;
	}
	ipc_port_add_send(port);
	ipc_lock_release(state);
	return port;
}

struct ipc_port *ipc_port_make_send_once(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return port;
	irq_state_t state = ipc_lock_acquire();
	ipc_port_add_send_once(port);
	ipc_lock_release(state);
	return port;
}

void ipc_port_release_send(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	ipc_port_drop_send(port, &deferred);
	ipc_unlock_and_flush(state, &deferred);
}

void ipc_port_release_send_once(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	ipc_right_release(port, MACH_MSG_TYPE_PORT_SEND_ONCE, &deferred);
	ipc_unlock_and_flush(state, &deferred);
}

void ipc_port_release_receive(struct ipc_port *port)
{
	if (!IPC_PORT_VALID(port))
		return;
	struct ipc_deferred deferred = IPC_DEFERRED_INIT;
	irq_state_t state = ipc_lock_acquire();
	ipc_port_destroy_receive_later(port, &deferred);
	ipc_unlock_and_flush(state, &deferred);
}

struct ipc_port *ipc_port_alloc_kernel(void)
{
	irq_state_t state = ipc_lock_acquire();
	struct ipc_port *port = ipc_port_alloc();
	if (port)
		port->receiver = ipc_space_kernel;
	ipc_lock_release(state);
	return port;
}

bool ipc_port_check_circularity(struct ipc_port *port, struct ipc_port *destination)
{
	irq_state_t state = ipc_lock_acquire();
	bool circular = IPC_PORT_VALID(port) && IPC_PORT_VALID(destination) &&
	                ipc_port_is_circular(port, destination);
	ipc_lock_release(state);
	return circular;
}
