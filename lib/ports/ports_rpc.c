/* lib/ports' RPCs in progress: the current RPC of a worker thread, its
 * cancellation (a dead reply port, ports_interrupt_rpcs) and the wait that
 * a cancellation ends. */
#include "ports_internal.h"

#include <errno.h>
#include <stdlib.h>

static __thread struct ports_rpc *current_rpc;
static __thread struct ports_bucket *current_bucket;

void ports_rpc_begin(struct ports_bucket *bucket, struct ports_rpc *rpc)
{
	pthread_mutex_lock(&bucket->lock);
	rpc->next = bucket->rpcs;
	if (rpc->next)
		rpc->next->link = &rpc->next;
	rpc->link = &bucket->rpcs;
	bucket->rpcs = rpc;
	pthread_mutex_unlock(&bucket->lock);
	current_rpc = rpc;
	current_bucket = bucket;
}

void ports_rpc_stop_watching(struct ports_bucket *bucket, struct ports_rpc *rpc)
{
	pthread_mutex_lock(&bucket->lock);
	bool watching = rpc->watching;
	rpc->watching = false;
	pthread_mutex_unlock(&bucket->lock);
	if (!watching)
		return;
	/* Taken back before the reply consumes the right, so that a later RPC
	 * whose reply right gets the same name is not affected. */
	mach_port_t previous = MACH_PORT_NULL;
	if (mach_port_request_notification(mach_task_self(), rpc->reply_port, MACH_NOTIFY_DEAD_NAME,
	                                   0, MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	                                   &previous) == KERN_SUCCESS &&
	    MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
}

void ports_rpc_end(struct ports_bucket *bucket, struct ports_rpc *rpc)
{
	pthread_mutex_lock(&bucket->lock);
	*rpc->link = rpc->next;
	if (rpc->next)
		rpc->next->link = rpc->link;
	pthread_mutex_unlock(&bucket->lock);
	current_rpc = NULL;
	current_bucket = NULL;
}

void *ports_rpc_object(void)
{
	return current_rpc ? current_rpc->object : NULL;
}

bool ports_rpc_cancelled(void)
{
	if (!current_rpc)
		return false;
	pthread_mutex_lock(&current_bucket->lock);
	bool cancelled = current_rpc->cancelled;
	pthread_mutex_unlock(&current_bucket->lock);
	return cancelled;
}

int ports_rpc_watch_client(void)
{
	struct ports_rpc *rpc = current_rpc;
	if (!rpc || !MACH_PORT_VALID(rpc->reply_port))
		return EINVAL;
	if (rpc->watching)
		return 0;
	mach_port_t previous = MACH_PORT_NULL;
	/* sync 1: a reply port already dead is reported at once. */
	kern_return_t kr = mach_port_request_notification(
	    mach_task_self(), rpc->reply_port, MACH_NOTIFY_DEAD_NAME, 1,
	    current_bucket->notify_port, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (kr != KERN_SUCCESS)
		return kr == KERN_INVALID_NAME || kr == KERN_INVALID_RIGHT ? EINVAL : ENOMEM;
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
	pthread_mutex_lock(&current_bucket->lock);
	rpc->watching = true;
	pthread_mutex_unlock(&current_bucket->lock);
	return 0;
}

int ports_rpc_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
	struct ports_rpc *rpc = current_rpc;
	if (!rpc)
		return pthread_cond_wait(cond, mutex);
	struct ports_bucket *bucket = current_bucket;
	/* The caller holds mutex from here to the wait, so a cancellation that
	 * comes in between broadcasts only once the wait has begun. */
	pthread_mutex_lock(&bucket->lock);
	bool cancelled = rpc->cancelled;
	if (!cancelled) {
		rpc->wait_cond = cond;
		rpc->wait_mutex = mutex;
	}
	pthread_mutex_unlock(&bucket->lock);
	if (cancelled)
		return EINTR;
	int error = pthread_cond_wait(cond, mutex);
	pthread_mutex_lock(&bucket->lock);
	rpc->wait_cond = NULL;
	rpc->wait_mutex = NULL;
	cancelled = rpc->cancelled;
	pthread_mutex_unlock(&bucket->lock);
	return cancelled ? EINTR : error;
}

struct wakeup {
	pthread_cond_t *cond;
	pthread_mutex_t *mutex;
};

unsigned ports_cancel_matching(struct ports_bucket *bucket,
                               bool (*match)(const struct ports_rpc *rpc, const void *key),
                               const void *key)
{
	pthread_mutex_lock(&bucket->lock);
	size_t waiting = 0;
	for (struct ports_rpc *rpc = bucket->rpcs; rpc; rpc = rpc->next)
		waiting++;
	struct wakeup *wakeups = calloc(waiting ? waiting : 1, sizeof(*wakeups));
	unsigned cancelled = 0;
	size_t count = 0;
	for (struct ports_rpc *rpc = bucket->rpcs; rpc; rpc = rpc->next) {
		if (!match(rpc, key))
			continue;
		rpc->cancelled = true;
		cancelled++;
		if (rpc->wait_cond && wakeups)
			wakeups[count++] = (struct wakeup){rpc->wait_cond, rpc->wait_mutex};
	}
	pthread_mutex_unlock(&bucket->lock);
	/* Without memory for the list, waiters see the cancellation at their next
	 * wakeup: late, never lost. */
	for (size_t i = 0; i < count; i++) {
		pthread_mutex_lock(wakeups[i].mutex);
		pthread_cond_broadcast(wakeups[i].cond);
		pthread_mutex_unlock(wakeups[i].mutex);
	}
	free(wakeups);
	return cancelled;
}

static bool on_object(const struct ports_rpc *rpc, const void *object)
{
	return rpc->object == object;
}

unsigned ports_interrupt_rpcs(void *object)
{
	return ports_cancel_matching(((struct ports_object *)object)->bucket, on_object, object);
}
