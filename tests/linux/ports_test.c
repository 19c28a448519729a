/* lib/ports on the emulator: a bucket of at most 3 workers serving 8 client
 * threads (io_seek of hurd/io.defs as the test RPC), objects found by payload
 * and by name, RPCs cancelled by interrupt and by a dead client, no-senders
 * freeing objects, no reference taken on a dying object, a bad message id,
 * counts back to zero. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <hurd/hurd_demux.h>
#include <hurd/io.h>
#include <ports.h>

#define MAX_WORKERS      3
#define CLIENTS          8
#define CALLS_PER_CLIENT 5
#define OBJECTS          4
#define SLOW_MS          20

/* io_seek's whence selects what the test routine does. */
enum { SEEK_SLOW, SEEK_BLOCK, SEEK_IDENTITY };

struct test_object {
	struct ports_object head;
	hurd_off_t value;
};

static struct ports_bucket *bucket;
static atomic_int cleaned, running_now, running_peak, cancelled_returns;
static pthread_mutex_t block_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t block_cond = PTHREAD_COND_INITIALIZER;
static int blocked; /* routines waiting in SEEK_BLOCK, under block_lock */

static void clean_test_object(struct ports_object *object)
{
	(void)object;
	atomic_fetch_add(&cleaned, 1);
}

static const struct ports_class test_class = {"test", clean_test_object};

/* What ports_object_ref_if_live said from the clean hook: its object, still in
 * whatever list of the caller's the hook unlinks it from, is dying. */
static int ref_in_clean = -1;

static void clean_dying_object(struct ports_object *object)
{
	ref_in_clean = ports_object_ref_if_live(object);
}

static const struct ports_class dying_class = {"dying", clean_dying_object};
static const struct ports_class other_class = {"other", NULL};

static kern_return_t slow(struct test_object *object, hurd_off_t *newp)
{
	int now = atomic_fetch_add(&running_now, 1) + 1;
	int peak = atomic_load(&running_peak);
	while (now > peak && !atomic_compare_exchange_weak(&running_peak, &peak, now))
		;
	usleep(SLOW_MS * 1000);
	atomic_fetch_sub(&running_now, 1);
	*newp = object->value;
	return 0;
}

static kern_return_t block_until_cancelled(void)
{
	int error = ports_rpc_watch_client();
	if (error)
		return error;
	pthread_mutex_lock(&block_lock);
	blocked++;
	pthread_cond_broadcast(&block_cond);
	while (error != EINTR)
		error = ports_rpc_wait(&block_cond, &block_lock);
	/* Counted under the lock that wait_blocked(0) sees blocked drop under. */
	atomic_fetch_add(&cancelled_returns, 1);
	blocked--;
	pthread_mutex_unlock(&block_lock);
	return EINTR;
}

kern_return_t S_io_seek(io_t port, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	(void)offset;
	struct test_object *object = ports_rpc_object();
	if (!object)
		return EOPNOTSUPP;
	if (whence == SEEK_SLOW)
		return slow(object, newp);
	if (whence == SEEK_BLOCK)
		return block_until_cancelled();
	struct test_object *by_name = ports_lookup_port(bucket, port, &test_class);
	*newp = by_name == object;
	if (by_name)
		ports_object_release(by_name);
	return 0;
}

static struct test_object *objects[OBJECTS];
static mach_port_t sends[OBJECTS];
static atomic_int good_answers;

static void *client(void *number)
{
	long n = (long)number;
	for (int call = 0; call < CALLS_PER_CLIENT; call++) {
		int which = (int)((n + call) % OBJECTS);
		hurd_off_t answer = -1;
		kern_return_t result = io_seek(sends[which], 0, SEEK_SLOW, &answer);
		if (result == KERN_SUCCESS && answer == objects[which]->value)
			atomic_fetch_add(&good_answers, 1);
	}
	return NULL;
}

static mach_port_t blocked_client_reply_port;

static void *blocking_client(void *result)
{
	blocked_client_reply_port = mig_get_reply_port();
	hurd_off_t answer;
	*(kern_return_t *)result = io_seek(sends[0], 0, SEEK_BLOCK, &answer);
	return NULL;
}

/* Waits up to 10 s for the count of routines in SEEK_BLOCK to be want. */
static bool wait_blocked(int want)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&block_lock);
	int error = 0;
	while (blocked != want && error == 0)
		error = pthread_cond_timedwait(&block_cond, &block_lock, &deadline);
	bool reached = blocked == want;
	pthread_mutex_unlock(&block_lock);
	return reached;
}

/* Polls the bucket's counts for up to 10 s until objects == want. */
static size_t wait_objects(size_t want)
{
	struct ports_bucket_stats stats;
	for (int i = 0; i < 1000; i++) {
		ports_bucket_stats(bucket, &stats);
		if (stats.objects == want)
			break;
		usleep(10000);
	}
	return stats.objects;
}

static void concurrency(void)
{
	pthread_t threads[CLIENTS];
	int started = 0;
	for (long i = 0; i < CLIENTS; i++)
		if (pthread_create(&threads[i], NULL, client, (void *)i) == 0)
			started++;
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	check(started == CLIENTS && good_answers == CLIENTS * CALLS_PER_CLIENT,
	      "%d clients x %d calls: every RPC answered with its object's value (%d)", CLIENTS,
	      CALLS_PER_CLIENT, atomic_load(&good_answers));
	struct ports_bucket_stats stats;
	ports_bucket_stats(bucket, &stats);
	check(atomic_load(&running_peak) <= MAX_WORKERS && stats.peak_busy <= MAX_WORKERS &&
	          stats.workers <= MAX_WORKERS,
	      "never more than %d routines at once (peak %d, busy peak %u, workers %u)",
	      MAX_WORKERS, atomic_load(&running_peak), stats.peak_busy, stats.workers);
	check(atomic_load(&running_peak) == MAX_WORKERS,
	      "the pool grew to its bound under load (peak %d)", atomic_load(&running_peak));
	check(stats.served == CLIENTS * CALLS_PER_CLIENT, "the bucket counted %llu messages",
	      (unsigned long long)stats.served);
}

static void lookups(void)
{
	hurd_off_t same = 0;
	kern_return_t result = io_seek(sends[1], 0, SEEK_IDENTITY, &same);
	check(result == KERN_SUCCESS && same == 1,
	      "the object found by protected payload is the one found by port name (%d)", result);
	void *found = ports_lookup_payload(bucket, objects[2]->head.id, &test_class);
	check(found == objects[2], "ports_lookup_payload finds an object by its id");
	if (found)
		ports_object_release(found);
	check(ports_lookup_port(bucket, objects[2]->head.port, &other_class) == NULL,
	      "a lookup for another class finds nothing");
	check(ports_lookup_port(bucket, 0x7fff0, NULL) == NULL &&
	          ports_lookup_payload(bucket, 1u << 30, NULL) == NULL,
	      "a lookup of an unknown name or payload finds nothing");
}

static void bad_message(void)
{
	mach_port_t reply = mig_get_reply_port();
	union {
		mach_msg_header_t head;
		mig_reply_header_t reply;
		char bytes[256];
	} message;
	memset(&message, 0, sizeof(message));
	message.head.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	message.head.msgh_size = sizeof(mach_msg_header_t);
	message.head.msgh_remote_port = sends[3];
	message.head.msgh_local_port = reply;
	message.head.msgh_id = 987654;
	mach_msg_return_t result =
	    mach_msg(&message.head, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(mach_msg_header_t), sizeof(message), reply, 10000, MACH_PORT_NULL);
	check(result == MACH_MSG_SUCCESS && message.reply.RetCode == MIG_BAD_ID,
	      "a message of unknown id is answered MIG_BAD_ID (%d, %d)", result,
	      message.reply.RetCode);
}

static void interrupt(void)
{
	kern_return_t result = KERN_SUCCESS;
	pthread_t thread;
	bool started = pthread_create(&thread, NULL, blocking_client, &result) == 0;
	check(started && wait_blocked(1), "an RPC waits in its routine");
	unsigned count = ports_interrupt_rpcs(objects[0]);
	if (started)
		pthread_join(thread, NULL);
	check(count == 1 && result == EINTR,
	      "ports_interrupt_rpcs cancelled it: the client got EINTR (%u, %d)", count, result);
}

static void dead_client(void)
{
	kern_return_t result = KERN_SUCCESS;
	int before = atomic_load(&cancelled_returns);
	pthread_t thread;
	bool started = pthread_create(&thread, NULL, blocking_client, &result) == 0;
	check(started && wait_blocked(1), "another RPC waits in its routine");
	/* The client's reply port dies under it. */
	kern_return_t destroyed = mach_port_mod_refs(mach_task_self(), blocked_client_reply_port,
	                                             MACH_PORT_RIGHT_RECEIVE, -1);
	if (started)
		pthread_join(thread, NULL);
	check(destroyed == KERN_SUCCESS && result == MACH_RCV_PORT_DIED,
	      "its client's reply port destroyed, the client's call failed (%d)", result);
	bool returned = wait_blocked(0);
	int cancelled = atomic_load(&cancelled_returns) - before;
	check(returned && cancelled == 1, "the routine learnt of the dead client and returned (%d)",
	      cancelled);
	struct ports_bucket_stats stats;
	ports_bucket_stats(bucket, &stats);
	for (int i = 0; i < 1000 && stats.busy != 0; i++) {
		usleep(10000);
		ports_bucket_stats(bucket, &stats);
	}
	check(stats.busy == 0, "no worker is left busy (%u)", stats.busy);
}

static void no_senders(void)
{
	for (int i = 0; i < OBJECTS; i++)
		ports_object_release(objects[i]);
	check(wait_objects(OBJECTS) == OBJECTS && atomic_load(&cleaned) == 0,
	      "objects whose creator let go live while send rights exist");
	for (int i = 0; i < OBJECTS; i++)
		(void)mach_port_deallocate(mach_task_self(), sends[i]);
	size_t left = wait_objects(0);
	check(left == 0 && atomic_load(&cleaned) == OBJECTS,
	      "the last send rights gone, no-senders freed every object (%zu left, %d cleaned)",
	      left, atomic_load(&cleaned));
	mach_port_type_t type;
	check(mach_port_type(mach_task_self(), sends[0], &type) == KERN_INVALID_NAME,
	      "and destroyed their receive rights");
}

/* An object found through a list of one's own while its last reference goes
 * (trivfs' goaway and a no-senders) must not be taken back from the dead. */
static void ref_if_live(void)
{
	struct ports_object *object = NULL;
	int error = ports_create_object(bucket, &dying_class, sizeof(*object), &object);
	bool live = !error && ports_object_ref_if_live(object);
	if (live)
		ports_object_release(object);
	check(live, "ports_object_ref_if_live takes a reference on a live object (%d)", error);
	if (!error)
		ports_object_release(object);
	check(ref_in_clean == 0, "but none once the last one is gone and clean runs (%d)",
	      ref_in_clean);
}

int main(void)
{
	const mach_msg_demux_t demuxers[] = {io_server};
	struct ports_bucket_config config = {
	    .max_workers = MAX_WORKERS,
	    .max_message = 4096,
	    .demuxers = demuxers,
	    .demuxer_count = 1,
	};
	int error = ports_bucket_create(&config, &bucket);
	check(error == 0, "ports_bucket_create (%d)", error);
	if (error)
		return 1;
	int made = 0;
	for (int i = 0; i < OBJECTS; i++) {
		if (ports_create_object(bucket, &test_class, sizeof(struct test_object),
		                        &objects[i]) != 0)
			break;
		objects[i]->value = 1000 + i;
		if (ports_get_send_right(objects[i], &sends[i]) != KERN_SUCCESS)
			break;
		made++;
	}
	check(made == OBJECTS, "%d objects with send rights", made);
	if (made != OBJECTS)
		return 1;
	concurrency();
	lookups();
	bad_message();
	interrupt();
	dead_client();
	no_senders();
	ref_if_live();
	struct ports_bucket_stats stats;
	ports_bucket_stats(bucket, &stats);
	check(stats.objects == 0 && stats.busy == 0, "counts back to zero (objects %zu, busy %u)",
	      stats.objects, stats.busy);
	printf("ports_test: %d failed\n", failures);
	return failures;
}
