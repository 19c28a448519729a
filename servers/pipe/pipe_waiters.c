/* The pipe server's waiting requests: reads, writes and selects that cannot be
 * answered at once keep their reply rights (MIG_NO_REPLY) and are answered
 * late with io_reply.defs when data, space, an end's closing or a select's
 * deadline comes; a waiter whose reply port dies is forgotten. */
#include "pipe_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/io_reply.h>
#include "pipe_io_reply.h"

static struct pipe_waiter *all_waiters; /* every pipe's, for dead names and deadlines */
static size_t waiter_total;
static struct ports_object *notify_object; /* receives the reply ports' dead-name notifications */
static const struct ports_class notify_class = {"pipe notifications", NULL};
static pthread_cond_t deadline_changed = PTHREAD_COND_INITIALIZER;

size_t pipe_waiter_total_locked(void)
{
	return waiter_total;
}

/* Asks for (on) or cancels a dead-name notification on a kept reply right. */
static int watch_reply(mach_port_t reply, bool on)
{
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t result = mach_port_request_notification(
	    mach_task_self(), reply, MACH_NOTIFY_DEAD_NAME, on ? 1 : 0,
	    on ? notify_object->port : MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
	if (result == KERN_SUCCESS)
		return 0;
	return result == KERN_RESOURCE_SHORTAGE ? ENOMEM : ESRCH;
}

int pipe_waiter_add_locked(struct pipe *pipe, struct pipe_waiter *waiter)
{
	if (pipe->waiter_count >= PIPE_MAX_WAITERS)
		return EAGAIN;
	int error = watch_reply(waiter->reply, true);
	if (error)
		return error;
	waiter->pipe = pipe;
	waiter->next = NULL;
	struct pipe_waiter **link = &pipe->waiters;
	while (*link)
		link = &(*link)->next;
	*link = waiter;
	waiter->next_all = all_waiters;
	all_waiters = waiter;
	pipe->waiter_count++;
	waiter_total++;
	if (waiter->has_deadline)
		pthread_cond_signal(&deadline_changed);
	return 0;
}

/* Unlinks waiter from its pipe and the global list (not freed). */
static void unlink_locked(struct pipe_waiter *waiter)
{
	for (struct pipe_waiter **link = &waiter->pipe->waiters; *link; link = &(*link)->next)
		if (*link == waiter) {
			*link = waiter->next;
			break;
		}
	for (struct pipe_waiter **link = &all_waiters; *link; link = &(*link)->next_all)
		if (*link == waiter) {
			*link = waiter->next_all;
			break;
		}
	waiter->pipe->waiter_count--;
	waiter_total--;
}

/* A reply that could not be sent (the client's port died meanwhile): the
 * right is a dead name we still hold. */
static void settle_send(kern_return_t sent, mach_port_t reply)
{
	if (sent == MACH_SEND_INVALID_DEST || sent == MACH_SEND_INVALID_RIGHT)
		(void)mach_port_deallocate(mach_task_self(), reply);
}

/* Answers a read waiter with the bytes it gets (count 0: end of file) or an
 * error, and frees it. The bytes go in page-aligned memory of their own (the
 * reply carries more than 2048 out of line). */
static void answer_read(struct pipe_waiter *waiter, kern_return_t error)
{
	vm_address_t bytes = 0;
	size_t count = 0;
	if (!error && waiter->pipe->buffer.used) {
		if (vm_allocate(mach_task_self(), &bytes, waiter->amount, TRUE) != KERN_SUCCESS) {
			bytes = 0;
			error = ENOMEM;
		} else
			count =
			    pipe_buffer_take(&waiter->pipe->buffer, (char *)bytes, waiter->amount);
	}
	unlink_locked(waiter);
	(void)watch_reply(waiter->reply, false);
	settle_send(pipe_io_read_reply(waiter->reply, error, bytes ? (char *)bytes : "",
	                               (mach_msg_type_number_t)count),
	            waiter->reply);
	if (bytes)
		(void)vm_deallocate(mach_task_self(), bytes, waiter->amount);
	free(waiter);
}

static void answer_write(struct pipe_waiter *waiter, kern_return_t error, size_t written)
{
	unlink_locked(waiter);
	(void)watch_reply(waiter->reply, false);
	settle_send(pipe_io_write_reply(waiter->reply, error, error ? 0 : written), waiter->reply);
	free(waiter);
}

static void answer_select_with(struct pipe_waiter *waiter, kern_return_t error, int ready)
{
	unlink_locked(waiter);
	(void)watch_reply(waiter->reply, false);
	settle_send(io_select_reply(waiter->reply, error, ready), waiter->reply);
	free(waiter);
}

static void answer_select(struct pipe_waiter *waiter, int ready)
{
	answer_select_with(waiter, 0, ready);
}

/* The first waiter of kind in pipe's queue, or NULL. */
static struct pipe_waiter *first_of(struct pipe *pipe, enum pipe_waiter_kind kind)
{
	for (struct pipe_waiter *waiter = pipe->waiters; waiter; waiter = waiter->next)
		if (waiter->kind == kind)
			return waiter;
	return NULL;
}

void pipe_settle_locked(struct pipe *pipe)
{
	bool progress = true;
	while (progress) {
		progress = false;
		struct pipe_waiter *reader = first_of(pipe, PIPE_WAIT_READ);
		if (reader && (pipe->buffer.used || !pipe->ports[PIPE_END_WRITE])) {
			answer_read(reader, 0);
			progress = true;
			continue;
		}
		if (reader && !pipe->ports[PIPE_END_READ]) {
			answer_read(reader, EBADF); /* its port went while it waited */
			progress = true;
			continue;
		}
		struct pipe_waiter *writer = first_of(pipe, PIPE_WAIT_WRITE);
		if (writer && !pipe->ports[PIPE_END_READ]) {
			answer_write(writer, EPIPE, 0);
			progress = true;
			continue;
		}
		if (writer) {
			size_t space = pipe_buffer_space(&pipe->buffer);
			size_t admitted = writer->partial_ok
			                      ? (writer->amount < space ? writer->amount : space)
			                      : pipe_write_admits(space, writer->amount);
			if (admitted) {
				bool failed;
				size_t put =
				    pipe_buffer_put(&pipe->buffer, writer->data, admitted, &failed);
				answer_write(writer, failed ? ENOMEM : 0, put);
				progress = true;
				continue;
			}
		}
	}
	for (struct pipe_waiter *waiter = pipe->waiters, *next; waiter; waiter = next) {
		next = waiter->next;
		if (waiter->kind != PIPE_WAIT_SELECT)
			continue;
		int ready = waiter->select_type & pipe_ready_locked(pipe, waiter->end);
		if (ready)
			answer_select(waiter, ready);
	}
}

size_t pipe_waiters_interrupt_locked(struct pipe *pipe, const void *object)
{
	pipe_settle_locked(pipe); /* what can be answered is answered first */
	size_t answered = 0;
	for (struct pipe_waiter *waiter = pipe->waiters, *next; waiter; waiter = next) {
		next = waiter->next;
		if (waiter->object != object)
			continue;
		if (waiter->kind == PIPE_WAIT_READ)
			answer_read(waiter, EINTR); /* settled: it has no data */
		else if (waiter->kind == PIPE_WAIT_WRITE)
			answer_write(waiter, EINTR, 0); /* a kept write has put nothing */
		else
			answer_select_with(waiter, EINTR, 0);
		answered++;
	}
	if (answered)
		pipe_settle_locked(pipe); /* a reader or writer behind them may go on */
	return answered;
}

void pipe_waiters_drop_locked(struct pipe *pipe)
{
	while (pipe->waiters) {
		struct pipe_waiter *waiter = pipe->waiters;
		if (waiter->kind == PIPE_WAIT_READ)
			answer_read(waiter, EBADF);
		else if (waiter->kind == PIPE_WAIT_WRITE)
			answer_write(waiter, EBADF, 0);
		else
			answer_select(waiter, 0);
	}
}

/* A waiting client's reply port died: its request is forgotten. */
kern_return_t do_mach_notify_dead_name(mach_port_t notify, mach_port_t name)
{
	(void)notify;
	pthread_mutex_lock(&pipe_lock);
	for (struct pipe_waiter *waiter = all_waiters; waiter; waiter = waiter->next_all)
		if (waiter->reply == name) {
			struct pipe *pipe = waiter->pipe;
			unlink_locked(waiter);
			free(waiter);
			(void)mach_port_deallocate(mach_task_self(),
			                           name); /* our dead reply right */
			pipe_settle_locked(pipe);         /* a writer behind it may go on */
			break;
		}
	pthread_mutex_unlock(&pipe_lock);
	(void)mach_port_deallocate(mach_task_self(), name); /* the notification's reference */
	return KERN_SUCCESS;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Answers selects whose deadline passed (nothing ready) and sleeps until the
 * next deadline. */
static void *deadline_thread(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&pipe_lock);
	for (;;) {
		struct timespec now, next = {0, 0};
		(void)clock_gettime(CLOCK_MONOTONIC, &now);
		bool any = false;
		for (struct pipe_waiter *waiter = all_waiters, *after; waiter; waiter = after) {
			after = waiter->next_all;
			if (!waiter->has_deadline)
				continue;
			if (!before(&now, &waiter->deadline)) {
				answer_select(waiter, 0);
				continue;
			}
			if (!any || before(&waiter->deadline, &next))
				next = waiter->deadline;
			any = true;
		}
		if (!any) {
			next = now;
			next.tv_sec += 3600;
		}
		(void)pthread_cond_timedwait(&deadline_changed, &pipe_lock, &next);
	}
	return NULL;
}

int pipe_waiters_init(void)
{
	int error = ports_create_object(pipe_bucket, &notify_class, sizeof(struct ports_object),
	                                &notify_object);
	if (error)
		return error;
	pthread_condattr_t attributes;
	pthread_t thread;
	if (pthread_condattr_init(&attributes) != 0 ||
	    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&deadline_changed, &attributes) != 0)
		return ENOMEM;
	error = pthread_create(&thread, NULL, deadline_thread, NULL);
	if (!error)
		(void)pthread_detach(thread);
	return error;
}
