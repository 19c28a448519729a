/* io.defs on the ends of a pipe: reads and writes answered at once when they
 * can be and otherwise kept and answered late (pipe_waiters.c), O_NONBLOCK
 * (EWOULDBLOCK instead of waiting), select with a timeout, stat as a FIFO,
 * open modes. A port of another kind answers EOPNOTSUPP. */
#include "pipe_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <hurd/io_server.h>

#define PIPE_FSID 0x70697065 /* "pipe": the file system id io_stat shows */

/* The request being served on this thread, set by pipe_capture_request. */
static __thread mach_msg_header_t *current_request;

boolean_t pipe_capture_request(mach_msg_header_t *request, mach_msg_header_t *reply)
{
	(void)reply;
	current_request = request;
	return FALSE;
}

mach_port_t pipe_current_reply(void)
{
	return current_request ? current_request->msgh_remote_port : MACH_PORT_NULL;
}

/* After MIG_NO_REPLY nobody frees the request: out-of-line data is ours. */
static void release_request_data(const char *data, size_t count)
{
	const char *start = (const char *)current_request;
	if (count && (data < start || data >= start + current_request->msgh_size))
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
}

/* The port the RPC came to, if it is an end (and the end wanted, unless
 * wanted_mode is 0): 0, or EOPNOTSUPP / EBADF. */
static kern_return_t current_end(int wanted_mode, struct pipe_port **result)
{
	struct pipe_port *port = ports_rpc_object();
	if (!port || port->head.class != &pipe_port_class)
		return EOPNOTSUPP;
	if (wanted_mode && !(port->open->modes & wanted_mode))
		return EBADF;
	*result = port;
	return 0;
}

int pipe_ready_locked(const struct pipe *pipe, enum pipe_end end)
{
	if (end == PIPE_END_READ)
		return pipe->buffer.used || !pipe->ports[PIPE_END_WRITE] ? SELECT_READ : 0;
	return pipe_buffer_space(&pipe->buffer) >= PIPE_ATOMIC || !pipe->ports[PIPE_END_READ]
	           ? SELECT_WRITE
	           : 0;
}

static bool waiting(const struct pipe *pipe, enum pipe_waiter_kind kind)
{
	for (const struct pipe_waiter *waiter = pipe->waiters; waiter; waiter = waiter->next)
		if (waiter->kind == kind)
			return true;
	return false;
}

/* Keeps the current RPC as a waiter of kind on port's pipe: MIG_NO_REPLY, or
 * an error (nothing kept). */
static kern_return_t wait_locked(struct pipe_port *port, struct pipe_waiter *waiter,
                                 mach_port_t reply)
{
	waiter->reply = reply;
	waiter->object = port;
	waiter->end = port->end;
	if (!MACH_PORT_VALID(reply)) {
		free(waiter);
		return EINVAL;
	}
	int error = pipe_waiter_add_locked(port->pipe, waiter);
	if (error) {
		free(waiter);
		return error;
	}
	return MIG_NO_REPLY;
}

kern_return_t S_io_read(io_t io_object, data_t *data, mach_msg_type_number_t *dataCnt,
                        hurd_off_t offset, vm_size_t amount)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(HURD_O_READ, &port);
	if (error)
		return error;
	if (offset != -1)
		return ESPIPE;
	size_t wanted = amount < PIPE_CAPACITY ? amount : PIPE_CAPACITY;
	if (wanted == 0) {
		*dataCnt = 0;
		return 0;
	}
	char *bytes = malloc(wanted);
	if (!bytes)
		return ENOMEM;
	struct pipe *pipe = port->pipe;
	size_t count = 0;
	pthread_mutex_lock(&pipe_lock);
	if (pipe->buffer.used && !waiting(pipe, PIPE_WAIT_READ)) {
		count = pipe_buffer_take(&pipe->buffer, bytes, wanted);
		pipe_settle_locked(pipe); /* writers and selects may go on */
	} else if (pipe->ports[PIPE_END_WRITE] == 0 && !waiting(pipe, PIPE_WAIT_READ)) {
		count = 0; /* end of file */
	} else if (port->open->modes & HURD_O_NONBLOCK) {
		error = EWOULDBLOCK;
	} else {
		struct pipe_waiter *waiter = calloc(1, sizeof(*waiter));
		if (!waiter)
			error = ENOMEM;
		else {
			waiter->kind = PIPE_WAIT_READ;
			waiter->amount = wanted;
			error = wait_locked(port, waiter, pipe_current_reply());
		}
	}
	pthread_mutex_unlock(&pipe_lock);
	if (!error && count > *dataCnt) {
		vm_address_t memory = 0;
		if (vm_allocate(mach_task_self(), &memory, count, TRUE) != KERN_SUCCESS)
			error = ENOMEM; /* the bytes are lost: only when memory is gone */
		else
			*data = (char *)memory;
	}
	if (!error) {
		memcpy(*data, bytes, count);
		*dataCnt = (mach_msg_type_number_t)count;
	}
	free(bytes);
	return error;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(HURD_O_WRITE, &port);
	if (error)
		return error;
	if (offset != -1)
		return ESPIPE;
	*amount = 0;
	if (dataCnt == 0)
		return 0;
	struct pipe *pipe = port->pipe;
	pthread_mutex_lock(&pipe_lock);
	size_t admitted = waiting(pipe, PIPE_WAIT_WRITE)
	                      ? 0
	                      : pipe_write_admits(pipe_buffer_space(&pipe->buffer), dataCnt);
	if (pipe->ports[PIPE_END_READ] == 0) {
		error = EPIPE;
	} else if (admitted) {
		bool failed;
		*amount = pipe_buffer_put(&pipe->buffer, data, admitted, &failed);
		error = failed ? ENOMEM : 0;
		pipe_settle_locked(pipe); /* readers and selects may go on */
	} else if (port->open->modes & HURD_O_NONBLOCK) {
		error = EWOULDBLOCK;
	} else {
		struct pipe_waiter *waiter = calloc(1, sizeof(*waiter));
		if (!waiter)
			error = ENOMEM;
		else {
			waiter->kind = PIPE_WAIT_WRITE;
			waiter->amount = dataCnt < PIPE_ATOMIC ? dataCnt : PIPE_ATOMIC;
			waiter->partial_ok = dataCnt > PIPE_ATOMIC;
			memcpy(waiter->data, data, waiter->amount);
			error = wait_locked(port, waiter, pipe_current_reply());
		}
	}
	pthread_mutex_unlock(&pipe_lock);
	if (error == MIG_NO_REPLY)
		release_request_data(data, dataCnt);
	return error;
}

kern_return_t S_io_seek(io_t io_object, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	(void)io_object, (void)offset, (void)whence, (void)newp;
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	return error ? error : ESPIPE;
}

kern_return_t S_io_readable(io_t io_object, vm_size_t *amount)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	pthread_mutex_lock(&pipe_lock);
	*amount = port->pipe->buffer.used;
	pthread_mutex_unlock(&pipe_lock);
	return 0;
}

kern_return_t S_io_select(io_t io_object, reply_port_t reply, time_spec_t timeout, int *select_type)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	if (timeout.nanoseconds < 0 || timeout.nanoseconds >= 1000000000)
		return EINVAL;
	int wanted = *select_type & (SELECT_READ | SELECT_WRITE | SELECT_URG);
	pthread_mutex_lock(&pipe_lock);
	int ready = wanted & pipe_ready_locked(port->pipe, port->end);
	if (ready || (timeout.seconds == 0 && timeout.nanoseconds == 0)) {
		pthread_mutex_unlock(&pipe_lock);
		*select_type = ready;
		return 0;
	}
	struct pipe_waiter *waiter = calloc(1, sizeof(*waiter));
	if (!waiter)
		error = ENOMEM;
	else {
		waiter->kind = PIPE_WAIT_SELECT;
		waiter->select_type = wanted;
		if (timeout.seconds >= 0) {
			waiter->has_deadline = true;
			(void)clock_gettime(CLOCK_MONOTONIC, &waiter->deadline);
			int64_t seconds =
			    timeout.seconds > 86400 * 365 ? 86400 * 365 : timeout.seconds;
			waiter->deadline.tv_sec += seconds;
			waiter->deadline.tv_nsec += timeout.nanoseconds;
			if (waiter->deadline.tv_nsec >= 1000000000) {
				waiter->deadline.tv_sec++;
				waiter->deadline.tv_nsec -= 1000000000;
			}
		}
		error = wait_locked(port, waiter, reply);
	}
	pthread_mutex_unlock(&pipe_lock);
	return error;
}

/* The server object's stat, as /servers/pipe shows it (ls, stat): a node
 * of the pipe file system, root's, that anyone may use. */
static kern_return_t server_stat(io_statbuf_t *stat_info)
{
	memset(stat_info, 0, sizeof(*stat_info));
	stat_info->fsid = PIPE_FSID;
	stat_info->ino = 1;
	stat_info->mode = S_IFSOCK | 0666;
	stat_info->nlink = 1;
	stat_info->block_size = PIPE_ATOMIC;
	return 0;
}

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	struct ports_object *object = ports_rpc_object();
	if (object && object->class == &pipe_server_class)
		return server_stat(stat_info);
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	memset(stat_info, 0, sizeof(*stat_info));
	pthread_mutex_lock(&pipe_lock);
	stat_info->fsid = PIPE_FSID;
	stat_info->ino = port->pipe->serial;
	stat_info->size = (int64_t)port->pipe->buffer.used;
	stat_info->mode = S_IFIFO | 0600;
	stat_info->nlink = 1;
	stat_info->block_size = PIPE_ATOMIC;
	struct hurd_timespec created = {port->pipe->created.tv_sec, port->pipe->created.tv_nsec};
	stat_info->atime = stat_info->mtime = stat_info->ctime = created;
	pthread_mutex_unlock(&pipe_lock);
	return 0;
}

/* Sets the open's modes to (modes & ~clear) | set, settable bits only. */
static kern_return_t change_modes(int clear, int set)
{
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	pthread_mutex_lock(&pipe_lock);
	int modes = port->open->modes & ~(clear & HURD_O_SETTABLE_MODES);
	port->open->modes = modes | (set & HURD_O_SETTABLE_MODES);
	pthread_mutex_unlock(&pipe_lock);
	return 0;
}

kern_return_t S_io_get_openmodes(io_t io_object, int *bits)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	pthread_mutex_lock(&pipe_lock);
	*bits = port->open->modes;
	pthread_mutex_unlock(&pipe_lock);
	return 0;
}

kern_return_t S_io_set_all_openmodes(io_t io_object, int newbits)
{
	(void)io_object;
	return change_modes(HURD_O_SETTABLE_MODES, newbits);
}

kern_return_t S_io_set_some_openmodes(io_t io_object, int bits_to_set)
{
	(void)io_object;
	return change_modes(0, bits_to_set);
}

kern_return_t S_io_clear_some_openmodes(io_t io_object, int bits_to_clear)
{
	(void)io_object;
	return change_modes(bits_to_clear, 0);
}

kern_return_t S_io_pathconf(io_t io_object, int name, int *value)
{
	(void)io_object;
	struct pipe_port *port;
	kern_return_t error = current_end(0, &port);
	if (error)
		return error;
	if (name != _PC_PIPE_BUF)
		return EINVAL;
	*value = PIPE_ATOMIC;
	return 0;
}
