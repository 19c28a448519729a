/* lib/ports' workers: each receives one message from the bucket's port set,
 * finds its object by protected payload, runs the demuxer chain and replies;
 * another worker starts when all are busy, up to the bucket's bound. */
#include "ports_internal.h"

#include <stdlib.h>

boolean_t ports_demux_chain(const mach_msg_demux_t *demuxers, size_t count,
                            mach_msg_header_t *request, mach_msg_header_t *reply)
{
	for (size_t i = 0; i < count; i++)
		if (demuxers[i](request, reply))
			return TRUE;
	return FALSE;
}

/* The object the message is for, with a reference; the header then names its
 * port as MIG's stubs expect, whatever arrived (payload or name). */
static struct ports_object *message_object(struct ports_bucket *bucket, mach_msg_header_t *request)
{
	bool by_payload =
	    MACH_MSGH_BITS_LOCAL(request->msgh_bits) == MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	pthread_mutex_lock(&bucket->lock);
	struct ports_object *object =
	    by_payload ? ihash_find(&bucket->by_id, request->msgh_protected_payload)
	               : ihash_find(&bucket->by_name, request->msgh_local_port);
	if (object)
		object->references++;
	pthread_mutex_unlock(&bucket->lock);
	if (by_payload) {
		/* An object gone since the send: its routines see no port. */
		request->msgh_local_port = object ? object->port : MACH_PORT_NULL;
		request->msgh_bits = (request->msgh_bits & ~MACH_MSGH_BITS_LOCAL_MASK) |
		                     MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND);
	}
	return object;
}

/* After the demuxers: whether a reply goes out; a failed routine's request
 * rights and memory are released (it took nothing). */
static bool settle(mach_msg_header_t *request, mig_reply_header_t *reply)
{
	kern_return_t result = reply->RetCode;
	if (result == MIG_NO_REPLY)
		return false;
	if (result != KERN_SUCCESS) {
		request->msgh_remote_port = MACH_PORT_NULL;
		mach_msg_destroy(request);
		if (result == MIG_DESTROY_REQUEST)
			return false;
	}
	if (!MACH_PORT_VALID(reply->Head.msgh_remote_port)) {
		mach_msg_destroy(&reply->Head);
		return false;
	}
	return true;
}

static void handle(struct ports_bucket *bucket, mach_msg_header_t *request,
                   mach_msg_header_t *reply)
{
	struct ports_rpc rpc = {.reply_port = request->msgh_remote_port};
	rpc.object = message_object(bucket, request);
	if (ports_object_notification(rpc.object, request)) {
		mach_msg_destroy(request);
		if (rpc.object)
			ports_object_release(rpc.object);
		return;
	}
	ports_rpc_begin(bucket, &rpc);
	(void)ports_demux_chain(bucket->config.demuxers, bucket->config.demuxer_count, request,
	                        reply);
	ports_rpc_stop_watching(bucket, &rpc);
	if (settle(request, (mig_reply_header_t *)reply)) {
		/* Never blocks the worker: a full queue loses the reply. */
		mach_msg_return_t sent =
		    mach_msg(reply, MACH_SEND_MSG | MACH_SEND_TIMEOUT, reply->msgh_size, 0,
		             MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (sent != MACH_MSG_SUCCESS)
			mach_msg_destroy(reply);
	}
	ports_rpc_end(bucket, &rpc);
	if (rpc.object)
		ports_object_release(rpc.object);
}

static void *worker(void *opaque);

/* With the lock held: one more worker if all are busy and the bound allows. */
static void grow_locked(struct ports_bucket *bucket)
{
	if (bucket->busy < bucket->workers || bucket->workers >= bucket->config.max_workers)
		return;
	pthread_t thread;
	pthread_attr_t attributes;
	if (pthread_attr_init(&attributes) != 0)
		return;
	(void)pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	/* Without a new thread the messages wait for the busy ones: slower, never lost. */
	if (pthread_create(&thread, &attributes, worker, bucket) == 0)
		bucket->workers++;
	pthread_attr_destroy(&attributes);
}

static void *worker(void *opaque)
{
	struct ports_bucket *bucket = opaque;
	mach_msg_size_t size = bucket->config.max_message;
	mach_msg_header_t *request = malloc(size);
	mach_msg_header_t *reply = malloc(size);
	for (;;) {
		if (!request || !reply)
			break;
		mach_msg_return_t result =
		    mach_msg(request, MACH_RCV_MSG, 0, size, bucket->port_set,
		             MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (result == MACH_RCV_TOO_LARGE)
			continue; /* the kernel destroyed a message larger than any we serve */
		if (result != MACH_MSG_SUCCESS)
			break;
		pthread_mutex_lock(&bucket->lock);
		bucket->busy++;
		if (bucket->busy > bucket->peak_busy)
			bucket->peak_busy = bucket->busy;
		grow_locked(bucket);
		pthread_mutex_unlock(&bucket->lock);
		handle(bucket, request, reply);
		pthread_mutex_lock(&bucket->lock);
		bucket->busy--;
		bucket->served++;
		pthread_mutex_unlock(&bucket->lock);
	}
	pthread_mutex_lock(&bucket->lock);
	bucket->workers--;
	pthread_mutex_unlock(&bucket->lock);
	free(request);
	free(reply);
	return NULL;
}

int ports_start_first_worker(struct ports_bucket *bucket)
{
	pthread_mutex_lock(&bucket->lock);
	grow_locked(bucket);
	int started = bucket->workers > 0;
	pthread_mutex_unlock(&bucket->lock);
	return started ? 0 : -1;
}
