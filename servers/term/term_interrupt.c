/* interrupt_operation on the terminal port: the reads kept waiting for input
 * are answered now -- with their input if it is there, else EINTR. */
#include <errno.h>
#include <hurd/interrupt_server.h>
#include "term.h"

kern_return_t S_interrupt_operation(mach_port_t object)
{
	(void)object;
	if (term.object == NULL || ports_rpc_object() != term.object)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	term_answer_waiting_locked();
	term_fail_waiting_locked(EINTR);
	pthread_mutex_unlock(&term.lock);
	return 0;
}
