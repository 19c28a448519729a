/* lib/fshelp: starting a translator (fshelp_start.h) — task_create, a fresh
 * bootstrap port, exec_exec, then fsys_startup awaited on that port together
 * with the task's dead-name notification, all within the caller's timeout. */
#include "fshelp_start.h"
#include "fshelp_start_wait.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <mach/notify.h>
#include <hurd/hurd_types.h>
#include "fshelp_exec_timed.h"
#include "fshelp_fsys_startup_server.h"

#define FSYS_STARTUP_ID 32000 /* fsys.defs' first routine */
#define MAX_INIT_PORTS  16
#define STARTUP_MESSAGE 1024

__thread mach_msg_timeout_t fshelp_start_wait_ms;

/* The generated demux (fshelp_start.mk: fsys.defs with serverprefix
 * fshelp_start_ and this serverdemux), which MIG's header does not declare. */
boolean_t fshelp_start_fsys_server(mach_msg_header_t *request, mach_msg_header_t *reply);

/* One start's wait: what fshelp_start_fsys_startup answers with and learns. */
struct startup_wait {
	mach_port_t bootstrap, task, underlying;
	int underlying_flags;
	mach_port_t control; /* from fsys_startup: ours once answered */
	int refusal;         /* EACCES when the translator asked too much */
	bool answered, died;
};
static __thread struct startup_wait *current_wait;

kern_return_t fshelp_start_fsys_startup(mach_port_t bootstrap, int openflags,
                                        mach_port_t control_port, mach_port_t *realnode,
                                        mach_msg_type_name_t *realnodePoly)
{
	struct startup_wait *wait = current_wait;
	if (!wait || bootstrap != wait->bootstrap || wait->answered)
		return EOPNOTSUPP;
	if (openflags & HURD_O_ACCMODE & ~wait->underlying_flags) {
		wait->refusal = EACCES;
		return EACCES;
	}
	wait->control = control_port;
	wait->answered = true;
	*realnode = wait->underlying;
	*realnodePoly = MACH_MSG_TYPE_COPY_SEND;
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static int errno_from_rpc(kern_return_t result)
{
	if (result == MACH_SEND_TIMED_OUT || result == MACH_RCV_TIMED_OUT)
		return ETIMEDOUT;
	if (result == MACH_SEND_INVALID_DEST)
		return EBADF;
	if (result < 0 || result >= 0x10000000)
		return EIO;
	return result;
}

/* Serves one fsys_startup request: the reply goes back, a refused request's
 * rights are destroyed (as mach_msg_server does). */
static void answer_startup(mach_msg_header_t *request)
{
	union {
		mig_reply_header_t header;
		char space[STARTUP_MESSAGE];
	} reply;
	(void)fshelp_start_fsys_server(request, &reply.header.Head);
	if (reply.header.RetCode != KERN_SUCCESS) {
		request->msgh_remote_port = MACH_PORT_NULL; /* the reply took it */
		mach_msg_destroy(request);
	}
	if (!MACH_PORT_VALID(reply.header.Head.msgh_remote_port))
		return;
	if (mach_msg(&reply.header.Head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	             reply.header.Head.msgh_size, 0, MACH_PORT_NULL, 0,
	             MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		mach_msg_destroy(&reply.header.Head);
}

static bool name_is_dead(mach_port_t name)
{
	mach_port_type_t type = 0;
	return mach_port_type(mach_task_self(), name, &type) == KERN_SUCCESS &&
	       (type & MACH_PORT_TYPE_DEAD_NAME);
}

/* Takes one message from the bootstrap port; false once the deadline passed. */
static bool take_message(struct startup_wait *wait, uint64_t deadline)
{
	uint64_t now = now_ms();
	if (now >= deadline)
		return false;
	union {
		mach_msg_header_t header;
		mach_dead_name_notification_t dead_name;
		char space[STARTUP_MESSAGE];
	} message;
	mach_msg_return_t result =
	    mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(message),
	             wait->bootstrap, (mach_msg_timeout_t)(deadline - now), MACH_PORT_NULL);
	if (result == MACH_RCV_TIMED_OUT)
		return false;
	if (result != MACH_MSG_SUCCESS)
		return true; /* too large or otherwise refused: dropped by the kernel */
	switch (message.header.msgh_id) {
	case FSYS_STARTUP_ID:
		current_wait = wait;
		answer_startup(&message.header);
		current_wait = NULL;
		return true;
	case MACH_NOTIFY_DEAD_NAME:
		/* Believed only when the task's name is dead indeed: the translator
		 * holds a send right to this port and could forge the message. */
		if (message.header.msgh_size >= sizeof(message.dead_name) &&
		    message.dead_name.not_port == wait->task && name_is_dead(wait->task)) {
			wait->died = true;
			/* The notification's own reference on the dead name. */
			(void)mach_port_deallocate(mach_task_self(), wait->task);
		}
		break;
	default:
		/* Anything else, such as the exit status of a translator that
		 * ended first (its dead-name notification follows), is dropped. */
		break;
	}
	mach_msg_destroy(&message.header);
	return true;
}

/* The init ports with the fresh bootstrap port in its place. */
static size_t ports_for_translator(const struct fshelp_start_request *request,
                                   mach_port_t bootstrap, mach_port_t ports[MAX_INIT_PORTS])
{
	size_t count = request->init_port_count > INIT_PORT_BOOTSTRAP ? request->init_port_count
	                                                              : INIT_PORT_BOOTSTRAP + 1;
	for (size_t i = 0; i < MAX_INIT_PORTS; i++)
		ports[i] = request->init_ports && i < request->init_port_count
		               ? request->init_ports[i]
		               : MACH_PORT_NULL;
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	return count;
}

/* task_create, the bootstrap port (a send right for exec, then only the
 * receive right kept) and exec_exec. */
static int exec_translator(const struct fshelp_start_request *request, struct startup_wait *wait,
                           uint64_t deadline)
{
	mach_port_t self = mach_task_self(), previous = MACH_PORT_NULL;
	kern_return_t result = task_create(self, FALSE, &wait->task);
	if (result != KERN_SUCCESS) {
		wait->task = MACH_PORT_NULL;
		return ENOMEM;
	}
	result = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &wait->bootstrap);
	if (result != KERN_SUCCESS) {
		wait->bootstrap = MACH_PORT_NULL;
		return ENOMEM;
	}
	result =
	    mach_port_insert_right(self, wait->bootstrap, wait->bootstrap, MACH_MSG_TYPE_MAKE_SEND);
	if (result == KERN_SUCCESS)
		result = mach_port_request_notification(self, wait->task, MACH_NOTIFY_DEAD_NAME, 1,
		                                        wait->bootstrap,
		                                        MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (result != KERN_SUCCESS) {
		(void)mach_port_deallocate(self, wait->bootstrap); /* the send right, if made */
		return ENOMEM;
	}
	mach_port_t ports[MAX_INIT_PORTS];
	size_t port_count = ports_for_translator(request, wait->bootstrap, ports);
	uint64_t now = now_ms();
	fshelp_start_wait_ms = now < deadline ? (mach_msg_timeout_t)(deadline - now) : 1;
	result = fshelp_timed_exec_exec(
	    request->exec_server, request->file, wait->task, EXEC_NEWTASK, request->argz,
	    request->argz, (mach_msg_type_number_t)request->argz_length,
	    request->envz ? request->envz : "", (mach_msg_type_number_t)request->envz_length, NULL,
	    MACH_MSG_TYPE_COPY_SEND, 0, ports, MACH_MSG_TYPE_COPY_SEND,
	    (mach_msg_type_number_t)port_count, NULL, 0);
	/* The task holds its own send right now (as its special port too). */
	(void)mach_port_deallocate(self, wait->bootstrap);
	return errno_from_rpc(result);
}

/* Undoes what a start made: the notification request, the bootstrap port,
 * and on failure the task. */
static void clean_up(struct startup_wait *wait, bool keep_task)
{
	mach_port_t self = mach_task_self(), previous = MACH_PORT_NULL;
	if (MACH_PORT_VALID(wait->task) && !wait->died) {
		kern_return_t result = mach_port_request_notification(
		    self, wait->task, MACH_NOTIFY_DEAD_NAME, 0, MACH_PORT_NULL,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
		if (result == KERN_SUCCESS && MACH_PORT_VALID(previous))
			(void)mach_port_deallocate(self, previous);
		else if (result != KERN_SUCCESS && name_is_dead(wait->task))
			/* It died just now: the notification's reference, its
			 * message lost with the bootstrap port. */
			(void)mach_port_deallocate(self, wait->task);
	}
	if (MACH_PORT_VALID(wait->bootstrap))
		(void)mach_port_mod_refs(self, wait->bootstrap, MACH_PORT_RIGHT_RECEIVE, -1);
	if (!keep_task && MACH_PORT_VALID(wait->task)) {
		(void)task_terminate(wait->task);
		(void)mach_port_deallocate(self, wait->task);
	}
}

static bool request_valid(const struct fshelp_start_request *request)
{
	return MACH_PORT_VALID(request->exec_server) && MACH_PORT_VALID(request->file) &&
	       request->argz && request->argz_length > 0 &&
	       request->argz[request->argz_length - 1] == '\0' &&
	       strnlen(request->argz, request->argz_length) < HURD_PATH_MAX &&
	       (request->envz || request->envz_length == 0) &&
	       request->init_port_count <= MAX_INIT_PORTS && request->timeout_ms > 0;
}

int fshelp_start_translator(const struct fshelp_start_request *request, mach_port_t *control,
                            mach_port_t *task)
{
	*control = MACH_PORT_NULL;
	*task = MACH_PORT_NULL;
	if (!request_valid(request))
		return EINVAL;
	uint64_t deadline = now_ms() + request->timeout_ms;
	struct startup_wait wait = {
	    .underlying = request->underlying,
	    .underlying_flags = request->underlying_flags,
	};
	int error = exec_translator(request, &wait, deadline);
	while (!error && !wait.answered && !wait.died && !wait.refusal)
		if (!take_message(&wait, deadline))
			error = ETIMEDOUT;
	if (!error && wait.refusal)
		error = wait.refusal;
	else if (!error && !wait.answered)
		error = ESRCH;
	if (error && MACH_PORT_VALID(wait.control))
		(void)mach_port_deallocate(mach_task_self(), wait.control);
	clean_up(&wait, error == 0);
	if (error)
		return error;
	*control = wait.control;
	*task = wait.task;
	return 0;
}
