/* lib/trivfs: interrupt_operation on any of its ports. Nothing is kept waiting
 * (every RPC is answered by the thread that serves it): nothing to end. */
#include "trivfs_internal.h"

#include <errno.h>
#include <hurd/interrupt_server.h>

kern_return_t S_interrupt_operation(mach_port_t object)
{
	(void)object;
	return ports_rpc_object() ? 0 : EOPNOTSUPP;
}
