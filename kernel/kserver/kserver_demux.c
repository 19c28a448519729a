/* The kernel's RPC dispatch (ipc_host_kernel_server): a request to a kernel
 * object's port goes to the MIG demux of each interface the kernel serves. */
#include "kserver_types.h"
#include "ipc/ipc_host.h"
#include "mach_port_server.h"
#include "mach_server.h"
#include "mach_host_server.h"
#include "gnumach_server.h"
#include "mach_debug_server.h"
#include "device_server.h"
#include "notify_server.h"
#include "mach_i386_server.h"

/* The demux routines MIG generates (their headers do not declare them). */
boolean_t mach_port_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t mach_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t mach_host_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t gnumach_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t mach_debug_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t device_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t notify_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t mach_i386_server(mach_msg_header_t *request, mach_msg_header_t *reply);

typedef boolean_t (*mig_demux_t)(mach_msg_header_t *request, mach_msg_header_t *reply);

/* notify_server: the notifications kernel object ports ask of themselves. */
static const mig_demux_t kernel_interfaces[] = {
    mach_port_server,  mach_server,   mach_host_server, gnumach_server,
    mach_debug_server, device_server, notify_server, mach_i386_server,
};

bool ipc_host_kernel_server(mach_msg_header_t *request, mach_msg_header_t *reply, size_t reply_size)
{
	if (reply_size < IPC_KERNEL_REPLY_MAX)
		return false;
	for (size_t i = 0; i < sizeof(kernel_interfaces) / sizeof(kernel_interfaces[0]); i++)
		if (kernel_interfaces[i](request, reply))
			return true;
	return false;
}
