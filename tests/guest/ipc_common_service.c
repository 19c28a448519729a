/* Helpers for guest programs' set-up: a number from a "prefix=N" argument and
 * an exception port served by a thread of its own for the calling thread. */
#include "ipc_common.h"

long ipc_number_after(const char *word, const char *prefix)
{
	size_t length = strlen(prefix);
	if (strncmp(word, prefix, length) != 0 || word[length] == '\0')
		return -1;
	long value = 0;
	for (const char *digit = word + length; *digit; digit++) {
		if (*digit < '0' || *digit > '9' || value > (1l << 40))
			return -1;
		value = value * 10 + (*digit - '0');
	}
	return value;
}

static ipc_demux_t *exception_demux;
static mach_port_t exception_port = MACH_PORT_NULL;

static void serve_exceptions(uint64_t unused)
{
	(void)unused;
	for (;;)
		(void)mach_msg_server(exception_demux, 512, exception_port);
}

bool ipc_exception_server_start(ipc_demux_t *demux, mach_port_t *port)
{
	mach_port_t self = mach_task_self();
	exception_demux = demux;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exception_port) != KERN_SUCCESS ||
	    mach_port_insert_right(self, exception_port, exception_port, MACH_MSG_TYPE_MAKE_SEND) !=
	        KERN_SUCCESS)
		return false;
	*port = exception_port;
	if (rt_thread_start(serve_exceptions, 0) != KERN_SUCCESS)
		return false;
	mach_port_t thread = mach_thread_self();
	kern_return_t result =
	    thread_set_special_port(thread, THREAD_EXCEPTION_PORT, exception_port);
	(void)mach_port_deallocate(self, thread);
	return result == KERN_SUCCESS;
}
