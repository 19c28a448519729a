/* Named by gnumach-dev's <device/device_types.h> under MACH_KERNEL, for the
 * kernel's device.defs server stubs: device_t is the kernel's device object
 * (kserver/device_object.h). */
#ifndef WB_KSERVER_SHIM_DEVICE_DEVICE_TYPES_KERNEL_H
#define WB_KSERVER_SHIM_DEVICE_DEVICE_TYPES_KERNEL_H
#include "../../device_object.h"
#endif
