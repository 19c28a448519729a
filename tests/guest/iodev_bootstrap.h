/* The I/O-port test (tests/system/iodev.t): module 0 gets the device master
 * port, is given COM2's ports and drives its 16550 in loopback mode. */
#ifndef WB_GUEST_IODEV_BOOTSTRAP_H
#define WB_GUEST_IODEV_BOOTSTRAP_H

#include <mach.h>
#include <stdbool.h>
#include <stdint.h>

#define IODEV_COM2_FIRST 0x2f8
#define IODEV_COM2_LAST  0x2ff

/* Starts the exception-port thread that resumes faulting port probes. */
bool iodev_faults_start(void);
/* Reads port with inb; false (and *value untouched) if the access faulted with
 * a general protection fault, which the handler then records as caught. */
bool iodev_probe_inb(uint16_t port, uint8_t *value);
/* The exception and code of the last fault the handler saw, and how many. */
unsigned iodev_faults_seen(int *exception, int *code);

#endif
