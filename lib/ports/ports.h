/* lib/ports: the framework of the Hurd's servers on Wildebeest — objects behind
 * receive rights (classes, reference counts, no-senders), buckets served by a
 * bounded pool of worker threads, and the cancellation of RPCs in progress. */
#ifndef WB_PORTS_H
#define WB_PORTS_H

#include <mach.h>
#include <mach/notify.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ihash.h>

struct ports_object;
struct ports_bucket;
struct ports_rpc;

/* A kind of object. clean runs once, when the last reference is gone (after
 * the receive right was destroyed), just before the memory is freed. */
struct ports_class {
	const char *name;
	void (*clean)(struct ports_object *object);
};

/* The head of every object: a server's own structure starts with it. The
 * fields are the library's (read-only for the server). */
struct ports_object {
	const struct ports_class *class;
	struct ports_bucket *bucket;
	mach_port_t port;                    /* the receive right; NULL once destroyed */
	uint64_t id;                         /* never reused: the port's protected payload */
	unsigned references;                 /* under the bucket's lock */
	bool senders_reference;              /* one reference stands for outstanding send rights */
	mach_port_mscount_t make_send_count; /* send rights made, as the kernel counts them */
	ihash_locp_t id_slot, name_slot;
};

/* A server routine's view of one message: a worker handles it with demuxers
 * in order until one knows the id (the last one's MIG_BAD_ID reply if none). */
struct ports_bucket_config {
	unsigned max_workers;        /* at most this many messages handled at once (>= 1) */
	mach_msg_size_t max_message; /* largest request and reply */
	const mach_msg_demux_t *demuxers;
	size_t demuxer_count;
};

struct ports_bucket_stats {
	unsigned workers;   /* worker threads started */
	unsigned busy;      /* handling a message now */
	unsigned peak_busy; /* the most ever busy at once */
	uint64_t served;    /* messages handled */
	size_t objects;     /* live objects */
};

/* A bucket: a port set, its objects, its workers (started lazily: one more
 * whenever all are busy, up to max_workers; further messages wait in their
 * ports' queues) and a notification thread of its own (no-senders, dead reply
 * ports), so that notifications are handled even when every worker waits. */
int ports_bucket_create(const struct ports_bucket_config *config, struct ports_bucket **result);
void ports_bucket_stats(struct ports_bucket *bucket, struct ports_bucket_stats *stats);

/* A new object of size bytes (>= sizeof(struct ports_object), zeroed past the
 * head) with a receive right in bucket's port set; the caller holds one
 * reference. Returns 0 or an errno value. */
int ports_create_object(struct ports_bucket *bucket, const struct ports_class *class, size_t size,
                        void *result);
void ports_object_ref(void *object);
/* A reference on an object found through a list of the caller's own (one that
 * the object's clean hook unlinks it from), unless its last reference is
 * already gone and it is on its way to clean and free: then false, and the
 * object must not be touched once the list's lock is dropped. */
bool ports_object_ref_if_live(void *object);
/* Drops a reference; the last one destroys the receive right, runs clean and
 * frees the object. */
void ports_object_release(void *object);
/* Destroys the object's receive right now (clients see a dead port); the
 * object lives on until its references are gone. */
void ports_object_destroy_right(void *object);

/* The object's port name, for a reply that carries it with
 * MACH_MSG_TYPE_MAKE_SEND: counted, and the object lives until the kernel's
 * no-senders notification says every send right made is gone. */
mach_port_t ports_make_send(void *object);
/* The same as a send right inserted in our own space (one user reference the
 * caller owns; mach_port_deallocate it). */
kern_return_t ports_get_send_right(void *object, mach_port_t *name);

/* The object behind port name (or protected payload), with a reference, if it
 * is in bucket and of class (any class if NULL); NULL otherwise. */
void *ports_lookup_port(struct ports_bucket *bucket, mach_port_t name,
                        const struct ports_class *class);
void *ports_lookup_payload(struct ports_bucket *bucket, uint64_t payload,
                           const struct ports_class *class);

/* Within a server routine: the object the message was sent to (found through
 * its protected payload; the routine's port argument names the same port), or
 * NULL for a port of no object. No reference of the caller's. */
void *ports_rpc_object(void);
/* Whether the current RPC was cancelled: its client's reply port died (once
 * ports_rpc_watch_client asked to be told) or ports_interrupt_rpcs named its
 * object. */
bool ports_rpc_cancelled(void);
/* Asks the kernel for a dead-name notification on the current RPC's reply
 * port: a routine that may wait long calls it first. Returns 0 or an errno. */
int ports_rpc_watch_client(void);
/* pthread_cond_wait for a routine: returns 0 when woken, EINTR (with the
 * mutex held again) once the RPC is cancelled. cond and mutex must outlive the
 * RPC (an object's). */
int ports_rpc_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
/* Cancels every RPC in progress on object; returns how many. */
unsigned ports_interrupt_rpcs(void *object);

/* Hands request to each demuxer in turn until one handles it; FALSE if none
 * did (reply then holds the last one's MIG_BAD_ID). */
boolean_t ports_demux_chain(const mach_msg_demux_t *demuxers, size_t count,
                            mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
