/* gnumach.defs' gsync_wait, gsync_wake and gsync_requeue, served: the task is
 * any task port (the caller's own or another's); the work is kern/gsync.c's.
 * gsync_wake and gsync_requeue are simpleroutines: their result has no reader. */
#include "kserver_types.h"
#include "gnumach_server.h"
#include "kern/gsync.h"

kern_return_t gsync_wait(task_t task, vm_address_t addr, unsigned val1, unsigned val2,
                         natural_t msec, int flags)
{
	return gsync_wait_address(task, addr, val1, val2, msec, flags);
}

kern_return_t gsync_wake(task_t task, vm_address_t addr, unsigned val, int flags)
{
	return gsync_wake_address(task, addr, val, flags);
}

kern_return_t gsync_requeue(task_t task, vm_address_t src_addr, vm_address_t dst_addr,
                            boolean_t wake_one, int flags)
{
	return gsync_requeue_address(task, src_addr, dst_addr, wake_one != 0, flags);
}
