/* For gnumach-dev's <mach/memory_object.h> under MACH_KERNEL: a port right in a
 * kernel-format message is a pointer to the kernel's port (kernel/ipc). */
#ifndef WB_KSERVER_SHIM_IPC_TYPES_H
#define WB_KSERVER_SHIM_IPC_TYPES_H
struct ipc_port;
typedef struct ipc_port *ipc_port_t;
#define IP_NULL ((ipc_port_t)0)
#endif
