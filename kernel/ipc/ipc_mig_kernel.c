/* The kernel's side of <mach/mig_support.h> and mach_msg, for the MIG stubs
 * compiled into the kernel (KERNEL defined: mach_port_t is a port pointer).
 * Kernel RPCs get a fresh reply right from mach_msg_rpc_from_kernel, so the
 * reply-port routines have nothing to keep. */
#define KERNEL 1
#include <mach/message.h>
#include <mach/mig_support.h>
#include "ipc/ipc_kernel.h"
#include "lib/kstring.h"

_Static_assert(sizeof(mach_port_t) == 8, "kernel view of mach_port_t");

mach_port_t mig_get_reply_port(void)
{
	return MACH_PORT_NULL;
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

void mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

void mig_allocate(vm_address_t *address, vm_size_t size)
{
	*address = (vm_address_t)ipc_kernel_ool_alloc(size);
}

void mig_deallocate(vm_address_t address, vm_size_t size)
{
	ipc_kernel_ool_free((void *)address, size);
}

vm_size_t mig_strncpy(char *destination, const char *source, vm_size_t length)
{
	if (length == 0)
		return 0;
	vm_size_t copied = 0;
	while (copied + 1 < length && source[copied]) {
		destination[copied] = source[copied];
		copied++;
	}
	destination[copied] = '\0';
	return copied;
}

void mig_init(void *first_thread_data)
{
	(void)first_thread_data;
}

mach_msg_return_t mach_msg(mach_msg_header_t *message, mach_msg_option_t option,
                           mach_msg_size_t send_size, mach_msg_size_t receive_size,
                           mach_port_name_t receive_name, mach_msg_timeout_t timeout,
                           mach_port_name_t notify)
{
	(void)receive_name;
	(void)timeout;
	(void)notify;
	if (option & MACH_RCV_MSG)
		return mach_msg_rpc_from_kernel(message, send_size, receive_size);
	return mach_msg_send_from_kernel(message, send_size);
}
