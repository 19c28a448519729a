/* Wildebeest's own device_get_status flavors (device.defs), beside the
 * standard DEV_GET_SIZE / DEV_GET_RECORDS. Shared by the kernel and programs. */
#ifndef WILDEBEEST_DEVICE_STATUS_H
#define WILDEBEEST_DEVICE_STATUS_H

/* A boot module's command line (the boot loader's string: the module's path,
 * then its arguments), as bytes packed into the status ints in memory order,
 * NUL-terminated; the count is the ints used. D_INVALID_SIZE if the caller's
 * buffer is too small (WB_DEV_COMMAND_LINE_COUNT ints always suffice). */
#define WB_DEV_GET_COMMAND_LINE   0x57420001
#define WB_DEV_COMMAND_LINE_COUNT 64 /* 256 bytes: the kernel's BOOT_CMDLINE_MAX */

#endif
