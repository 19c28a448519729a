/* Notifications: decided under the IPC lock, recorded here, and sent once the
 * lock is dropped through the MIG-generated kernel-user stubs of notify.defs
 * (which call mach_msg_send_from_kernel). */
#include "ipc/ipc_internal.h"
#include <mach/notify.h>

/* The KernelUser stubs generated from notify.defs (build/mig/kernel-user). */
kern_return_t mach_notify_port_deleted(struct ipc_port *notify, mach_port_name_t name);
kern_return_t mach_notify_port_destroyed(struct ipc_port *notify, struct ipc_port *rights,
                                         mach_msg_type_name_t rightsPoly);
kern_return_t mach_notify_no_senders(struct ipc_port *notify, mach_port_mscount_t mscount);
kern_return_t mach_notify_send_once(struct ipc_port *notify);
kern_return_t mach_notify_dead_name(struct ipc_port *notify, mach_port_name_t name);

void ipc_defer_notification(struct ipc_deferred *deferred, mach_msg_id_t id,
                            struct ipc_port *notify, mach_port_name_t name,
                            mach_port_mscount_t mscount, struct ipc_port *right)
{
	if (!IPC_PORT_VALID(notify)) {
		if (right)
			ipc_port_destroy_receive_later(right, deferred);
		return;
	}
	struct ipc_deferred_notification *record = ipc_memory_alloc(sizeof(*record));
	if (!record) {
		/* No memory: the notification is lost, its rights are not. */
		ipc_port_drop_send_once(notify, deferred);
		if (right)
			ipc_port_destroy_receive_later(right, deferred);
		return;
	}
	record->id = id;
	record->notify = notify;
	record->name = name;
	record->mscount = mscount;
	record->right = right;
	record->next = deferred->notifications;
	deferred->notifications = record;
}

static void send_notification(const struct ipc_deferred_notification *record)
{
	switch (record->id) {
	case MACH_NOTIFY_PORT_DELETED:
		mach_notify_port_deleted(record->notify, record->name);
		break;
	case MACH_NOTIFY_PORT_DESTROYED:
		mach_notify_port_destroyed(record->notify, record->right,
		                           MACH_MSG_TYPE_PORT_RECEIVE);
		break;
	case MACH_NOTIFY_NO_SENDERS:
		mach_notify_no_senders(record->notify, record->mscount);
		break;
	case MACH_NOTIFY_SEND_ONCE:
		mach_notify_send_once(record->notify);
		break;
	case MACH_NOTIFY_DEAD_NAME:
		mach_notify_dead_name(record->notify, record->name);
		break;
	default:
		break;
	}
	__atomic_add_fetch(&ipc_stats.notifications, 1, __ATOMIC_RELAXED);
}

void ipc_unlock_and_flush(irq_state_t state, struct ipc_deferred *deferred)
{
	while (deferred->receive_rights_to_destroy) {
		struct ipc_port *port = deferred->receive_rights_to_destroy;
		deferred->receive_rights_to_destroy = port->destroy_next;
		port->destroy_next = NULL;
		ipc_port_destroy_receive(port, deferred);
	}
	struct ipc_deferred_notification *records = deferred->notifications;
	deferred->notifications = NULL;
	struct ipc_vm_copy *copies = deferred->vm_copies;
	deferred->vm_copies = NULL;
	ipc_lock_release(state);
	if (copies)
		ipc_host_vm_copy_discard_list(copies);
	/* Oldest first. */
	struct ipc_deferred_notification *ordered = NULL;
	while (records) {
		struct ipc_deferred_notification *next = records->next;
		records->next = ordered;
		ordered = records;
		records = next;
	}
	while (ordered) {
		struct ipc_deferred_notification *next = ordered->next;
		send_notification(ordered);
		ipc_memory_free(ordered, sizeof(*ordered));
		ordered = next;
	}
}
