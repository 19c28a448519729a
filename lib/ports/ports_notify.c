/* lib/ports' notifications: no-senders (sent to the object's own port, handled
 * by a worker) frees objects whose send rights are all gone; dead-name
 * notifications of clients' reply ports (to the bucket's notification thread)
 * cancel the RPCs that were waiting for them. */
#include "ports_internal.h"

#include <mach/notify.h>

bool ports_object_notification(struct ports_object *object, mach_msg_header_t *request)
{
	if (request->msgh_id == MACH_NOTIFY_SEND_ONCE) {
		/* A replaced no-senders request's right: nothing to do. */
		return true;
	}
	if (request->msgh_id != MACH_NOTIFY_NO_SENDERS)
		return false;
	if (!object || request->msgh_size < sizeof(mach_no_senders_notification_t))
		return true;
	struct ports_bucket *bucket = object->bucket;
	/* Believed only if the kernel agrees: a client holding a send right that
	 * forges the notification changes nothing. */
	mach_port_status_t status;
	pthread_mutex_lock(&bucket->lock);
	bool last = false;
	if (object->senders_reference && MACH_PORT_VALID(object->port) &&
	    mach_port_get_receive_status(mach_task_self(), object->port, &status) == KERN_SUCCESS &&
	    !status.mps_srights) {
		if (status.mps_mscount >= object->make_send_count) {
			object->senders_reference = false;
			last = ports_drop_reference_locked(object);
		} else {
			/* A send right made since is on its way: wait for it too. */
			mach_port_t previous = MACH_PORT_NULL;
			if (mach_port_request_notification(
			        mach_task_self(), object->port, MACH_NOTIFY_NO_SENDERS,
			        object->make_send_count, object->port, MACH_MSG_TYPE_MAKE_SEND_ONCE,
			        &previous) == KERN_SUCCESS &&
			    MACH_PORT_VALID(previous))
				(void)mach_port_deallocate(mach_task_self(), previous);
		}
	}
	pthread_mutex_unlock(&bucket->lock);
	if (last)
		ports_free_object(object); /* not the last: the worker holds one */
	return true;
}

static bool watches_reply_port(const struct ports_rpc *rpc, const void *name)
{
	return rpc->watching && rpc->reply_port == *(const mach_port_t *)name;
}

static void dead_name(struct ports_bucket *bucket, const mach_dead_name_notification_t *note)
{
	mach_port_t name = note->not_port;
	(void)ports_cancel_matching(bucket, watches_reply_port, &name);
	/* The notification carries a user reference of the dead name. */
	(void)mach_port_deallocate(mach_task_self(), name);
}

void *ports_notify_thread(void *opaque)
{
	struct ports_bucket *bucket = opaque;
	union {
		mach_msg_header_t header;
		mach_dead_name_notification_t dead_name;
		char bytes[256];
	} message;
	for (;;) {
		mach_msg_return_t result =
		    mach_msg(&message.header, MACH_RCV_MSG, 0, sizeof(message), bucket->notify_port,
		             MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (result == MACH_RCV_TOO_LARGE)
			continue; /* the kernel destroyed it: never a notification */
		if (result != MACH_MSG_SUCCESS)
			return NULL;
		mach_msg_size_t size = message.header.msgh_size;
		if (message.header.msgh_id == MACH_NOTIFY_DEAD_NAME &&
		    size >= sizeof(message.dead_name))
			dead_name(bucket, &message.dead_name);
		else
			mach_msg_destroy(
			    &message.header); /* send-once, port-deleted, anything else */
	}
}
