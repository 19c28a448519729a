/* The serial driver's state (one UART, one thread): its ports, the bytes
 * received and not yet read, and the readers waiting for bytes. */
#ifndef SERIAL_H
#define SERIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <mach.h>

#define SERIAL_BUFFER_SIZE 4096
#define SERIAL_MAX_READERS 16

/* A device_read_inband answered late: its reply right and how much it wants. */
struct serial_reader {
	mach_port_t reply;
	mach_msg_type_name_t reply_type;
	int bytes_wanted;
};

struct serial {
	uint16_t base;
	int irq;
	unsigned baud;
	bool console;               /* --console: COM1, taken from the kernel */
	mach_port_t console_device; /* the kernel's "com1" device, held open */
	mach_port_t irq_device;     /* the kernel's "irq" device */
	mach_port_t intr_port;      /* receives the interrupt notifications */
	mach_port_t device_port;    /* clients' requests (device.defs) */
	mach_port_t port_set;
	uint8_t buffer[SERIAL_BUFFER_SIZE];
	size_t head, count; /* a ring: count bytes from head */
	struct serial_reader readers[SERIAL_MAX_READERS];
	unsigned reader_count;
	uint64_t interrupts, received, dropped, sent;
};

extern struct serial serial;

/* Takes what the UART holds into the buffer, acknowledges the interrupt and
 * answers waiting readers (serial_device.c). */
void serial_interrupt(void);
/* The demux of the driver's port set: interrupt notifications and device.defs. */
boolean_t serial_demux(mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
