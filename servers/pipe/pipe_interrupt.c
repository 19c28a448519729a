/* interrupt_operation on a pipe's end: the reads, writes and selects kept
 * waiting on that port are answered now (pipe_waiters_interrupt_locked). */
#include "pipe_server.h"

#include <errno.h>
#include <hurd/interrupt_server.h>

kern_return_t S_interrupt_operation(mach_port_t object)
{
	(void)object;
	struct pipe_port *port = ports_rpc_object();
	if (!port)
		return EOPNOTSUPP;
	if (port->head.class != &pipe_port_class)
		return 0; /* the server object: nothing waits on it */
	pthread_mutex_lock(&pipe_lock);
	(void)pipe_waiters_interrupt_locked(port->pipe, port);
	pthread_mutex_unlock(&pipe_lock);
	return 0;
}
