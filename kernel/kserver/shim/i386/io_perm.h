/* For gnumach-dev's <mach/machine/mach_i386_types.h> under MACH_KERNEL: an I/O
 * permission is a device object of kind KOBJECT_IO_PERM (io_perm_routines.c). */
#ifndef WB_KSERVER_SHIM_I386_IO_PERM_H
#define WB_KSERVER_SHIM_I386_IO_PERM_H
#include <ipc/ipc_types.h>

struct device;
typedef unsigned short io_port_t;
typedef struct device *io_perm_t;

/* The translations of mach_i386.defs (KERNEL_SERVER): a reference or NULL; a
 * send right made from (and consuming) a reference; dropping a reference. */
io_perm_t convert_port_to_io_perm(ipc_port_t port);
ipc_port_t convert_io_perm_to_port(io_perm_t io_perm);
void io_perm_deallocate(io_perm_t io_perm);
#endif
