/* The "random" device: device_read and device_read_inband give bytes of the
 * kernel's entropy source (kern/entropy.c); nothing else. */
#ifndef WB_KSERVER_DEVICE_RANDOM_H
#define WB_KSERVER_DEVICE_RANDOM_H

#include <stdbool.h>
#include "kserver_types.h"
#include "device_object.h"
#include "device_server.h" /* the device types */

/* Largest device_read of it (an emulated getrandom asks for at most this). */
#define DEVICE_RANDOM_READ_MAX (64u << 10)

bool device_random_is_name(const char *name);
/* Opens it: D_READ only (D_WRITE is D_READ_ONLY: no one feeds the pool yet). */
io_return_t device_random_open(dev_mode_t mode, device_t *device);

#endif
