/* lib/ports' objects: creation with a receive right and protected payload,
 * reference counts, send rights counted for no-senders, lookups. */
#include "ports_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void unhash_locked(struct ports_object *object)
{
	struct ports_bucket *bucket = object->bucket;
	if (object->id_slot)
		ihash_locp_remove(&bucket->by_id, object->id_slot);
	if (object->name_slot)
		ihash_locp_remove(&bucket->by_name, object->name_slot);
	object->id_slot = object->name_slot = NULL;
}

int ports_create_object(struct ports_bucket *bucket, const struct ports_class *class, size_t size,
                        void *result)
{
	if (size < sizeof(struct ports_object) || !class)
		return EINVAL;
	struct ports_object *object = calloc(1, size);
	if (!object)
		return ENOMEM;
	object->class = class;
	object->bucket = bucket;
	object->references = 1;
	mach_port_t port = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS) {
		free(object);
		return ENOMEM;
	}
	object->port = port;
	pthread_mutex_lock(&bucket->lock);
	object->id = ++bucket->next_id;
	int error = ihash_add(&bucket->by_id, object->id, object);
	if (!error) {
		error = ihash_add(&bucket->by_name, port, object);
		if (error)
			ihash_locp_remove(&bucket->by_id, object->id_slot);
	}
	pthread_mutex_unlock(&bucket->lock);
	kern_return_t kr = KERN_SUCCESS;
	if (!error)
		kr = mach_port_set_protected_payload(mach_task_self(), port, object->id);
	if (!error && kr == KERN_SUCCESS)
		kr = mach_port_move_member(mach_task_self(), port, bucket->port_set);
	if (error || kr != KERN_SUCCESS) {
		pthread_mutex_lock(&bucket->lock);
		unhash_locked(object);
		pthread_mutex_unlock(&bucket->lock);
		(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
		free(object);
		return error ? error : EIO;
	}
	*(struct ports_object **)result = object;
	return 0;
}

void ports_object_ref(void *opaque)
{
	struct ports_object *object = opaque;
	pthread_mutex_lock(&object->bucket->lock);
	object->references++;
	pthread_mutex_unlock(&object->bucket->lock);
}

bool ports_object_ref_if_live(void *opaque)
{
	struct ports_object *object = opaque;
	pthread_mutex_lock(&object->bucket->lock);
	bool live = object->references > 0;
	if (live)
		object->references++;
	pthread_mutex_unlock(&object->bucket->lock);
	return live;
}

bool ports_drop_reference_locked(struct ports_object *object)
{
	if (--object->references > 0)
		return false;
	unhash_locked(object);
	return true;
}

void ports_free_object(struct ports_object *object)
{
	if (MACH_PORT_VALID(object->port))
		(void)mach_port_mod_refs(mach_task_self(), object->port, MACH_PORT_RIGHT_RECEIVE,
		                         -1);
	object->port = MACH_PORT_NULL;
	if (object->class->clean)
		object->class->clean(object);
	free(object);
}

void ports_object_release(void *opaque)
{
	struct ports_object *object = opaque;
	pthread_mutex_lock(&object->bucket->lock);
	bool last = ports_drop_reference_locked(object);
	pthread_mutex_unlock(&object->bucket->lock);
	if (last)
		ports_free_object(object);
}

void ports_object_destroy_right(void *opaque)
{
	struct ports_object *object = opaque;
	pthread_mutex_lock(&object->bucket->lock);
	mach_port_t port = object->port;
	object->port = MACH_PORT_NULL;
	unhash_locked(object);
	/* No no-senders notification can come for a destroyed port. */
	bool last = false;
	if (object->senders_reference) {
		object->senders_reference = false;
		last = ports_drop_reference_locked(object);
	}
	pthread_mutex_unlock(&object->bucket->lock);
	if (MACH_PORT_VALID(port))
		(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (last)
		ports_free_object(object);
}

/* With the lock held: makes sure a no-senders notification is requested for
 * the send rights about to be made. It comes to the object's own port: Mach's
 * notification does not name the port, the payload does. */
static void expect_senders_locked(struct ports_object *object)
{
	if (object->senders_reference || !MACH_PORT_VALID(object->port))
		return;
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t kr = mach_port_request_notification(
	    mach_task_self(), object->port, MACH_NOTIFY_NO_SENDERS, object->make_send_count + 1,
	    object->port, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (kr != KERN_SUCCESS)
		return; /* the object then lives until released by its holder */
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
	object->senders_reference = true;
	object->references++;
}

mach_port_t ports_make_send(void *opaque)
{
	struct ports_object *object = opaque;
	pthread_mutex_lock(&object->bucket->lock);
	expect_senders_locked(object);
	mach_port_t port = object->port;
	if (MACH_PORT_VALID(port))
		object->make_send_count++;
	pthread_mutex_unlock(&object->bucket->lock);
	return port;
}

kern_return_t ports_get_send_right(void *object, mach_port_t *name)
{
	mach_port_t port = ports_make_send(object);
	if (!MACH_PORT_VALID(port))
		return KERN_INVALID_NAME;
	kern_return_t kr =
	    mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND);
	if (kr == KERN_SUCCESS)
		*name = port;
	return kr;
}

static void *referenced_if_class(struct ports_object *object, const struct ports_class *class)
{
	if (!object || (class && object->class != class))
		return NULL;
	object->references++;
	return object;
}

void *ports_lookup_port(struct ports_bucket *bucket, mach_port_t name,
                        const struct ports_class *class)
{
	pthread_mutex_lock(&bucket->lock);
	void *object = referenced_if_class(ihash_find(&bucket->by_name, name), class);
	pthread_mutex_unlock(&bucket->lock);
	return object;
}

void *ports_lookup_payload(struct ports_bucket *bucket, uint64_t payload,
                           const struct ports_class *class)
{
	pthread_mutex_lock(&bucket->lock);
	void *object = referenced_if_class(ihash_find(&bucket->by_id, payload), class);
	pthread_mutex_unlock(&bucket->lock);
	return object;
}
