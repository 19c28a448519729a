/* The user-space serial driver's device.defs conventions (drivers/serial):
 * its status flavours beside GNU Mach's TTY_STATUS (device/tty_status.h). */
#ifndef WILDEBEEST_SERIAL_H
#define WILDEBEEST_SERIAL_H

/* device_get_status: counters, SERIAL_COUNTERS_COUNT ints: interrupt
 * notifications served, bytes received, bytes dropped (buffer full), bytes sent. */
#define SERIAL_COUNTERS       (('w' << 16) + 1)
#define SERIAL_COUNTERS_COUNT 4
/* device_set_status, test hook: the driver crashes (an invalid instruction) at once, so that
 * tests can show that its clients get errors rather than hang. No data. */
#define SERIAL_CRASH (('w' << 16) + 2)

#endif
