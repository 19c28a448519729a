/* notify.defs, served for kernel object ports: the no-senders notification a
 * device port asks of itself (device_object.c) ends the device unless senders
 * came back. Other notifications answer MIG_BAD_ID (MIG's defaults). */
#include "kserver_types.h"
#include "device_object.h"
#include "notify_server.h"

kern_return_t do_mach_notify_no_senders(ipc_port_t notify, mach_port_mscount_t mscount)
{
	(void)mscount;
	device_no_senders(notify);
	return KERN_SUCCESS;
}
