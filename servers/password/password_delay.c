/* The password server's delayed refusals: a wrong password keeps its reply
 * right (MIG_NO_REPLY) and one thread answers EACCES once the delay has
 * passed, so guessing is slow while no worker waits. Bounded: at most
 * PASSWORD_MAX_DELAYED at once. */
#include "password_server.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <hurd/password_reply.h>

struct delayed_refusal {
	mach_port_t reply;
	bool group_check;
	struct timespec due; /* CLOCK_MONOTONIC */
	struct delayed_refusal *next;
};

static pthread_mutex_t delay_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t delay_added;
static struct delayed_refusal *first, **last = &first; /* oldest first: due in order */
static unsigned delayed_count;

kern_return_t password_refuse_later(mach_port_t reply, bool group_check)
{
	if (!MACH_PORT_VALID(reply))
		return EACCES;
	struct delayed_refusal *refusal = malloc(sizeof(*refusal));
	if (!refusal)
		return ENOMEM;
	refusal->reply = reply;
	refusal->group_check = group_check;
	refusal->next = NULL;
	(void)clock_gettime(CLOCK_MONOTONIC, &refusal->due);
	refusal->due.tv_sec += PASSWORD_REFUSAL_DELAY_MS / 1000;
	refusal->due.tv_nsec += (PASSWORD_REFUSAL_DELAY_MS % 1000) * 1000000L;
	if (refusal->due.tv_nsec >= 1000000000L) {
		refusal->due.tv_sec++;
		refusal->due.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&delay_lock);
	bool full = delayed_count >= PASSWORD_MAX_DELAYED;
	if (!full) {
		*last = refusal;
		last = &refusal->next;
		delayed_count++;
		pthread_cond_signal(&delay_added);
	}
	pthread_mutex_unlock(&delay_lock);
	if (full) {
		free(refusal);
		return EAGAIN;
	}
	return MIG_NO_REPLY;
}

static bool due(const struct timespec *when, const struct timespec *now)
{
	return when->tv_sec < now->tv_sec ||
	       (when->tv_sec == now->tv_sec && when->tv_nsec <= now->tv_nsec);
}

static void *refusal_thread(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&delay_lock);
	for (;;) {
		if (!first) {
			(void)pthread_cond_wait(&delay_added, &delay_lock);
			continue;
		}
		struct timespec now;
		(void)clock_gettime(CLOCK_MONOTONIC, &now);
		if (!due(&first->due, &now)) {
			struct timespec until = first->due;
			(void)pthread_cond_timedwait(&delay_added, &delay_lock, &until);
			continue;
		}
		struct delayed_refusal *refusal = first;
		first = refusal->next;
		if (!first)
			last = &first;
		delayed_count--;
		pthread_mutex_unlock(&delay_lock);
		kern_return_t sent =
		    refusal->group_check
		        ? password_check_group_reply(refusal->reply, EACCES, MACH_PORT_NULL,
		                                     MACH_MSG_TYPE_COPY_SEND)
		        : password_check_user_reply(refusal->reply, EACCES, MACH_PORT_NULL,
		                                    MACH_MSG_TYPE_COPY_SEND);
		if (sent != MACH_MSG_SUCCESS) /* the client is gone: its right is ours to drop */
			(void)mach_port_deallocate(mach_task_self(), refusal->reply);
		free(refusal);
		pthread_mutex_lock(&delay_lock);
	}
	return NULL;
}

int password_delay_init(void)
{
	pthread_condattr_t attributes;
	if (pthread_condattr_init(&attributes) != 0 ||
	    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&delay_added, &attributes) != 0)
		return ENOMEM;
	pthread_t thread;
	int error = pthread_create(&thread, NULL, refusal_thread, NULL);
	if (!error)
		(void)pthread_detach(thread);
	return error;
}
