/* The "time" device: device_map gives a read-only memory object of the kernel's
 * time page (include/wildebeest/time_page.h), which vm_map maps cached. */
#ifndef WB_KSERVER_DEVICE_TIME_H
#define WB_KSERVER_DEVICE_TIME_H

#include <stdbool.h>
#include "kserver_types.h"
#include "device_object.h"
#include "device_server.h" /* the device types */

bool device_time_is_name(const char *name);
/* Opens it: D_READ only (D_WRITE is D_READ_ONLY). */
io_return_t device_time_open(dev_mode_t mode, device_t *device);
/* device_map of the time device: prot within VM_PROT_READ, offset 0, size at
 * most a page. */
kern_return_t device_time_map(device_t device, vm_prot_t prot, vm_offset_t offset, vm_size_t size,
                              ipc_port_t *pager);

#endif
