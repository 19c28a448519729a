/* lib/ports' buckets: the port set and notification port, the object tables,
 * the first worker and the notification thread; their counts. */
#include "ports_internal.h"

#include <errno.h>
#include <stdlib.h>

static void undo(struct ports_bucket *bucket)
{
	if (MACH_PORT_VALID(bucket->port_set))
		(void)mach_port_mod_refs(mach_task_self(), bucket->port_set,
		                         MACH_PORT_RIGHT_PORT_SET, -1);
	if (MACH_PORT_VALID(bucket->notify_port))
		(void)mach_port_mod_refs(mach_task_self(), bucket->notify_port,
		                         MACH_PORT_RIGHT_RECEIVE, -1);
	pthread_mutex_destroy(&bucket->lock);
	free(bucket);
}

int ports_bucket_create(const struct ports_bucket_config *config, struct ports_bucket **result)
{
	if (!config || config->max_workers == 0 || config->demuxer_count == 0 ||
	    config->max_message < sizeof(mig_reply_header_t))
		return EINVAL;
	struct ports_bucket *bucket = calloc(1, sizeof(*bucket));
	if (!bucket)
		return ENOMEM;
	bucket->config = *config;
	bucket->config.max_message = (config->max_message + 7) & ~(mach_msg_size_t)7;
	ihash_init(&bucket->by_id, offsetof(struct ports_object, id_slot));
	ihash_init(&bucket->by_name, offsetof(struct ports_object, name_slot));
	if (pthread_mutex_init(&bucket->lock, NULL) != 0) {
		free(bucket);
		return ENOMEM;
	}
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_PORT_SET, &bucket->port_set) !=
	        KERN_SUCCESS ||
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &bucket->notify_port) !=
	        KERN_SUCCESS) {
		undo(bucket);
		return ENOMEM;
	}
	pthread_t notifier;
	if (pthread_create(&notifier, NULL, ports_notify_thread, bucket) != 0) {
		undo(bucket);
		return EAGAIN;
	}
	(void)pthread_detach(notifier);
	if (ports_start_first_worker(bucket) != 0)
		return EAGAIN; /* the notification thread has the bucket: it stays */
	*result = bucket;
	return 0;
}

void ports_bucket_stats(struct ports_bucket *bucket, struct ports_bucket_stats *stats)
{
	pthread_mutex_lock(&bucket->lock);
	stats->workers = bucket->workers;
	stats->busy = bucket->busy;
	stats->peak_busy = bucket->peak_busy;
	stats->served = bucket->served;
	stats->objects = ihash_count(&bucket->by_id);
	pthread_mutex_unlock(&bucket->lock);
}
