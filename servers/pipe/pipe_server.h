/* The pipe server (servers/pipe): pipes made by pipe_create, each end a set
 * of lib/ports objects speaking io.defs; readers, writers and selects that
 * must wait are kept with their reply ports and answered late. */
#ifndef PIPE_SERVER_H
#define PIPE_SERVER_H

#include <ports.h>
#include <stdint.h>
#include <time.h>
#include "pipe_buffer.h"

#define PIPE_DEFAULT_MAX_PIPES 256 /* pipes one server keeps at once (ENFILE beyond) */
#define PIPE_MAX_PORTS_PER_END 64  /* ports (io_duplicate) per end (ENFILE beyond) */
#define PIPE_MAX_WAITERS       32  /* readers, writers and selects waiting per pipe (EAGAIN) */

enum pipe_end { PIPE_END_READ, PIPE_END_WRITE };
enum pipe_waiter_kind { PIPE_WAIT_READ, PIPE_WAIT_WRITE, PIPE_WAIT_SELECT };

/* A request that could not be answered at once. */
struct pipe_waiter {
	enum pipe_waiter_kind kind;
	mach_port_t reply; /* the client's reply right (send-once), watched for death */
	struct pipe *pipe;
	const void *object;     /* the port object it came on (interrupt_operation) */
	enum pipe_end end;      /* the end its port is */
	size_t amount;          /* read: the most wanted; write: bytes held in data */
	bool partial_ok;        /* write: a write of more than PIPE_ATOMIC (may go in part) */
	char data[PIPE_ATOMIC]; /* write: its first bytes (a later call brings the rest) */
	int select_type;        /* select: the kinds asked for */
	bool has_deadline;
	struct timespec deadline; /* select: CLOCK_MONOTONIC */
	struct pipe_waiter *next, *next_all;
};

struct pipe {
	struct pipe_buffer buffer;
	unsigned ports[2]; /* live port objects per end */
	uint64_t serial;   /* its io_stat inode number */
	unsigned waiter_count;
	struct pipe_waiter *waiters; /* oldest first */
	struct timespec created;
};

/* The open modes shared by a port and the ports io_duplicate made from it. */
struct pipe_open {
	unsigned references;
	int modes; /* HURD_O_READ or HURD_O_WRITE, and the settable modes */
};

struct pipe_port {
	struct ports_object head;
	struct pipe *pipe;
	enum pipe_end end;
	struct pipe_open *open;
};

/* Everything below is under pipe_lock. */
extern pthread_mutex_t pipe_lock;
extern struct ports_bucket *pipe_bucket;
extern const struct ports_class pipe_port_class, pipe_server_class;

/* Starts the bucket (pipe, io and notify demuxers, at most max_workers
 * threads), the timer thread and the server object; *server is a send right
 * to it (the caller owns it). 0 or an errno value. */
int pipe_server_start(unsigned max_workers, unsigned max_pipes, mach_port_t *server);

/* The objects that are not ends: the server's and the notifications'. */
#define PIPE_FIXED_OBJECTS 2

/* Counts for tests and the program's report: pipes, port objects, waiters. */
struct pipe_counts {
	size_t pipes, ports, waiters;
};
void pipe_server_counts(struct pipe_counts *counts);

/* pipe_ends.c: a new port object for end of pipe sharing open (a new open
 * with modes if open is NULL), with one reference for the caller. */
int pipe_port_create(struct pipe *pipe, enum pipe_end end, struct pipe_open *open, int modes,
                     struct pipe_port **result);

/* pipe_waiters.c, with pipe_lock held: answers every waiter of pipe that can
 * be answered now (data, space, end of file, EPIPE, readiness). */
void pipe_settle_locked(struct pipe *pipe);
/* Keeps a waiter (its reply right watched); EAGAIN beyond PIPE_MAX_WAITERS. */
int pipe_waiter_add_locked(struct pipe *pipe, struct pipe_waiter *waiter);
/* Answers every waiter that came on object now, as if it could go no further
 * (pipe_interrupt.c's interrupt_operation): a read with data gets the data,
 * the others EINTR; the number answered. */
size_t pipe_waiters_interrupt_locked(struct pipe *pipe, const void *object);
/* Answers every waiter of a pipe that is going away (EBADF). */
void pipe_waiters_drop_locked(struct pipe *pipe);
/* The reply right of the RPC being served (its routine may keep it). */
mach_port_t pipe_current_reply(void);
size_t pipe_waiter_total_locked(void);
int pipe_waiters_init(void);

/* pipe_io.c: the readiness of an end, SELECT_* kinds. */
int pipe_ready_locked(const struct pipe *pipe, enum pipe_end end);

extern size_t pipe_count, pipe_max;

#endif
