/* For gnumach-dev's <mach/std_types.h> under MACH_KERNEL. */
#ifndef WB_KSERVER_SHIM_IPC_PORT_H
#define WB_KSERVER_SHIM_IPC_PORT_H
#include <ipc/ipc_types.h>
#endif
