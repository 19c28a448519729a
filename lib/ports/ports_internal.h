/* lib/ports' private structures: the bucket and the record of one RPC in
 * progress, shared by the library's files. */
#ifndef WB_PORTS_INTERNAL_H
#define WB_PORTS_INTERNAL_H

#include "ports.h"

struct ports_rpc {
	struct ports_object *object; /* referenced while the RPC runs; may be NULL */
	mach_port_t reply_port;      /* the client's reply right (send-once), or NULL */
	bool cancelled;
	bool watching;             /* a dead-name request on reply_port is pending */
	pthread_cond_t *wait_cond; /* set while the routine is in ports_rpc_wait */
	pthread_mutex_t *wait_mutex;
	struct ports_rpc *next, **link;
};

struct ports_bucket {
	pthread_mutex_t lock; /* everything below, and every object's counts */
	mach_port_t port_set;
	mach_port_t notify_port; /* the kernel's notifications; its own thread */
	struct ihash by_id, by_name;
	uint64_t next_id;
	struct ports_bucket_config config;
	unsigned workers, busy, peak_busy;
	uint64_t served;
	struct ports_rpc *rpcs; /* every RPC in progress */
};

/* Drops one reference with the lock held; true if it was the last (the caller
 * then calls ports_free_object without the lock). */
bool ports_drop_reference_locked(struct ports_object *object);
void ports_free_object(struct ports_object *object);

/* Starts the bucket's first worker (ports_worker.c); 0 or -1. */
int ports_start_first_worker(struct ports_bucket *bucket);

/* A worker's first look at a message to an object (ports_notify.c): true if
 * it was a notification about the object's port (handled, no reply). */
bool ports_object_notification(struct ports_object *object, mach_msg_header_t *request);
/* The notification thread's body (ports_notify.c). */
void *ports_notify_thread(void *bucket);
/* Marks the RPCs for which match(rpc, key) holds cancelled and wakes their
 * waits; the lock must not be held. Returns how many (ports_rpc.c). */
unsigned ports_cancel_matching(struct ports_bucket *bucket,
                               bool (*match)(const struct ports_rpc *rpc, const void *key),
                               const void *key);

/* The worker side of an RPC record (ports_rpc.c): start links it and makes it
 * the thread's current RPC; stop_watching takes back a dead-name request
 * before the reply goes out; end unlinks it. */
void ports_rpc_begin(struct ports_bucket *bucket, struct ports_rpc *rpc);
void ports_rpc_stop_watching(struct ports_bucket *bucket, struct ports_rpc *rpc);
void ports_rpc_end(struct ports_bucket *bucket, struct ports_rpc *rpc);

#endif
