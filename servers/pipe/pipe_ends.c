/* The pipe server's objects: pipe_create's pipes and their ends' ports, the
 * opens io_duplicate shares, and an end's closing when its last port's last
 * send right is gone (no-senders): end of file for readers, EPIPE for writers. */
#include "pipe_server.h"

#include <errno.h>
#include <stdlib.h>
#include <hurd/pipe_server.h>

pthread_mutex_t pipe_lock = PTHREAD_MUTEX_INITIALIZER;
size_t pipe_count, pipe_max = PIPE_DEFAULT_MAX_PIPES;
static uint64_t next_serial = 1;

static void pipe_port_clean(struct ports_object *object);
const struct ports_class pipe_port_class = {"pipe end", pipe_port_clean};
const struct ports_class pipe_server_class = {"pipe server", NULL};

/* With pipe_lock held: frees pipe once neither end has a port. */
static void pipe_free_if_closed_locked(struct pipe *pipe)
{
	if (pipe->ports[PIPE_END_READ] || pipe->ports[PIPE_END_WRITE])
		return;
	pipe_waiters_drop_locked(pipe);
	pipe_buffer_release(&pipe->buffer);
	free(pipe);
	pipe_count--;
}

static void pipe_port_clean(struct ports_object *object)
{
	struct pipe_port *port = (struct pipe_port *)object;
	pthread_mutex_lock(&pipe_lock);
	if (--port->open->references == 0)
		free(port->open);
	port->pipe->ports[port->end]--;
	pipe_settle_locked(port->pipe);
	pipe_free_if_closed_locked(port->pipe);
	pthread_mutex_unlock(&pipe_lock);
}

int pipe_port_create(struct pipe *pipe, enum pipe_end end, struct pipe_open *open, int modes,
                     struct pipe_port **result)
{
	pthread_mutex_lock(&pipe_lock);
	bool full = pipe->ports[end] >= PIPE_MAX_PORTS_PER_END;
	pthread_mutex_unlock(&pipe_lock);
	if (full)
		return ENFILE;
	struct pipe_open *fresh = NULL;
	if (!open) {
		fresh = calloc(1, sizeof(*fresh));
		if (!fresh)
			return ENOMEM;
		fresh->modes = modes;
		open = fresh;
	}
	struct pipe_port *port;
	int error = ports_create_object(pipe_bucket, &pipe_port_class, sizeof(*port), &port);
	if (error) {
		free(fresh);
		return error;
	}
	pthread_mutex_lock(&pipe_lock);
	port->pipe = pipe;
	port->end = end;
	port->open = open;
	open->references++;
	pipe->ports[end]++;
	pthread_mutex_unlock(&pipe_lock);
	*result = port;
	return 0;
}

/* A pipe with no ports yet, counted against pipe_max. */
static int pipe_new(struct pipe **result)
{
	pthread_mutex_lock(&pipe_lock);
	int error = pipe_count >= pipe_max ? ENFILE : 0;
	struct pipe *pipe = NULL;
	if (!error) {
		pipe = calloc(1, sizeof(*pipe));
		error = pipe ? 0 : ENOMEM;
	}
	if (!error) {
		pipe->serial = next_serial++;
		(void)clock_gettime(CLOCK_REALTIME, &pipe->created);
		pipe_count++;
	}
	pthread_mutex_unlock(&pipe_lock);
	*result = pipe;
	return error;
}

kern_return_t S_pipe_create(mach_port_t server, int flags, mach_port_t *read_end,
                            mach_msg_type_name_t *read_endPoly, mach_port_t *write_end,
                            mach_msg_type_name_t *write_endPoly)
{
	(void)server;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &pipe_server_class)
		return EOPNOTSUPP;
	if (flags & ~(PIPE_READ_NONBLOCK | PIPE_WRITE_NONBLOCK))
		return EINVAL;
	struct pipe *pipe;
	int error = pipe_new(&pipe);
	if (error)
		return error;
	struct pipe_port *reader = NULL, *writer = NULL;
	error = pipe_port_create(pipe, PIPE_END_READ, NULL,
	                         HURD_O_READ | (flags & PIPE_READ_NONBLOCK ? HURD_O_NONBLOCK : 0),
	                         &reader);
	if (!error)
		error = pipe_port_create(
		    pipe, PIPE_END_WRITE, NULL,
		    HURD_O_WRITE | (flags & PIPE_WRITE_NONBLOCK ? HURD_O_NONBLOCK : 0), &writer);
	if (error) {
		if (reader)
			ports_object_release(reader); /* its clean frees the pipe */
		else {
			pthread_mutex_lock(&pipe_lock);
			pipe_free_if_closed_locked(pipe);
			pthread_mutex_unlock(&pipe_lock);
		}
		return error;
	}
	*read_end = ports_make_send(reader);
	*read_endPoly = MACH_MSG_TYPE_MAKE_SEND;
	*write_end = ports_make_send(writer);
	*write_endPoly = MACH_MSG_TYPE_MAKE_SEND;
	ports_object_release(reader);
	ports_object_release(writer);
	return 0;
}

kern_return_t S_io_duplicate(io_t io_object, mach_port_t *newport,
                             mach_msg_type_name_t *newportPoly)
{
	(void)io_object;
	struct pipe_port *port = ports_rpc_object();
	if (!port || port->head.class != &pipe_port_class)
		return EOPNOTSUPP;
	struct pipe_port *copy;
	int error = pipe_port_create(port->pipe, port->end, port->open, 0, &copy);
	if (error)
		return error;
	*newport = ports_make_send(copy);
	*newportPoly = MACH_MSG_TYPE_MAKE_SEND;
	ports_object_release(copy);
	return 0;
}

void pipe_server_counts(struct pipe_counts *counts)
{
	struct ports_bucket_stats stats;
	ports_bucket_stats(pipe_bucket, &stats);
	pthread_mutex_lock(&pipe_lock);
	counts->pipes = pipe_count;
	counts->waiters = pipe_waiter_total_locked();
	pthread_mutex_unlock(&pipe_lock);
	counts->ports = stats.objects - PIPE_FIXED_OBJECTS;
}

kern_return_t S_pipe_server_counts(mach_port_t server, int *pipes, int *end_ports, int *waiters)
{
	(void)server;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &pipe_server_class)
		return EOPNOTSUPP;
	struct pipe_counts counts;
	pipe_server_counts(&counts);
	*pipes = (int)counts.pipes;
	*end_ports = (int)counts.ports;
	*waiters = (int)counts.waiters;
	return 0;
}
