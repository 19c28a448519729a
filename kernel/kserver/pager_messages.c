/* The kernel's messages to external pagers (see pager_messages.h) through the
 * KernelUser stubs of memory_object.defs, and the control ports' life. */
#include "kserver_types.h"
#include "pager_messages.h"
#include "memory_object.h"
#include "kobject.h"
#include "ipc/ipc_kernel.h"
#include "vm/vm_pager_outbox.h"

/* A reply right's disposition in a message: moved as it was received. */
static mach_msg_type_name_t reply_disposition(const struct pager_outbox_message *message)
{
	return message->destination_type == MACH_MSG_TYPE_PORT_SEND_ONCE
	           ? MACH_MSG_TYPE_MOVE_SEND_ONCE
	           : MACH_MSG_TYPE_MOVE_SEND;
}

bool pager_message_send(struct pager_outbox_message *message)
{
	struct ipc_port *to = message->destination;
	kern_return_t sent = KERN_SUCCESS;
	switch (message->kind) {
	case PAGER_OUTBOX_INIT:
		sent = memory_object_init(to, message->control, message->name, 4096);
		break;
	case PAGER_OUTBOX_DATA_REQUEST:
		sent = memory_object_data_request(to, message->control, message->offset,
		                                  message->length, message->access);
		break;
	case PAGER_OUTBOX_DATA_UNLOCK:
		sent = memory_object_data_unlock(to, message->control, message->offset,
		                                 message->length, message->access);
		break;
	case PAGER_OUTBOX_DATA_RETURN:
		/* The data goes with the message, delivered or destroyed. */
		sent = memory_object_data_return(
		    to, message->control, message->offset, (vm_offset_t)message->data,
		    (mach_msg_type_number_t)message->length, message->dirty, message->kernel_copy);
		break;
	case PAGER_OUTBOX_LOCK_COMPLETED:
		(void)memory_object_lock_completed(to, reply_disposition(message), message->control,
		                                   message->offset, message->length);
		return true;
	case PAGER_OUTBOX_SUPPLY_COMPLETED:
		(void)memory_object_supply_completed(
		    to, reply_disposition(message), message->control, message->offset,
		    message->length, message->result, message->offset);
		return true;
	case PAGER_OUTBOX_CHANGE_COMPLETED:
		(void)memory_object_change_completed(to, reply_disposition(message),
		                                     message->may_cache, message->copy_strategy);
		return true;
	case PAGER_OUTBOX_TERMINATE:
		/* Moves the pager right and the receive rights of both ports. */
		(void)memory_object_terminate(to, message->control, message->name);
		return true;
	}
	/* The four above copy the destination right: nothing is consumed when
	 * there was no buffer, and the message can go again as it is. */
	if (sent == MACH_SEND_NO_BUFFER)
		return false;
	ipc_port_release_send(to);
	return true;
}

struct ipc_port *pager_control_port_create(struct vm_object *object)
{
	return ipc_kobject_port_create(object, KOBJECT_MEMORY_CONTROL);
}

void pager_control_port_detach(struct ipc_port *control)
{
	ipc_kobject_port_detach(control);
}

bool pager_port_alive(struct ipc_port *pager)
{
	return ipc_port_alive(pager);
}
