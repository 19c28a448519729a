/* The "mem" device: physical memory outside RAM (device MMIO) for the task
 * holding the device master port, mapped through device_map and vm_map. */
#ifndef WB_KSERVER_DEVICE_MEMORY_H
#define WB_KSERVER_DEVICE_MEMORY_H

#include <stdbool.h>
#include "kserver_types.h"
#include "device_object.h"
#include "device_server.h" /* the device types */

/* Whether name is the physical-memory device's. */
bool device_memory_is_name(const char *name);
/* Opens it with mode (D_READ, D_WRITE). */
io_return_t device_memory_open(dev_mode_t mode, device_t *device);
/* vm_map when memory_object is a physical-memory object: true and its result
 * in *result; false for any other port (not this file's business). */
bool device_memory_vm_map(vm_map_t task, vm_address_t *address, vm_size_t size, vm_address_t mask,
                          boolean_t anywhere, ipc_port_t memory_object, vm_offset_t offset,
                          boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
                          vm_inherit_t inheritance, kern_return_t *result);

#endif
