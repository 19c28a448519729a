/* Devices behind ports: the device master port, and open devices (boot modules,
 * the "mem" device) and the memory objects device_map gives for "mem", each with
 * its own kernel object port, looked up by the device.defs server stubs (and
 * vm_map) and released at device_close or when their last send right goes. */
#ifndef WB_KSERVER_DEVICE_OBJECT_H
#define WB_KSERVER_DEVICE_OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>

struct ipc_port;

/* An open boot module (its bytes stay where the boot loader put them), the
 * physical-memory device, or a range of physical memory (a memory object). */
struct device {
	struct device *next;   /* in the list of open devices */
	uint32_t references;   /* the port's, plus one per lookup in progress */
	bool port_destroyed;   /* closed or without senders: the port is gone */
	unsigned kind;         /* KOBJECT_DEVICE, _PHYSICAL_MEMORY or _IO_PERM */
	bool memory_device;    /* the "mem" device: device_map only */
	bool time_device;      /* the "time" device: device_map of the time page only */
	bool random_device;    /* the "random" device: device_read of random bytes only */
	bool irq_device;       /* the "irq" device: device_intr_register/ack only */
	bool console_device;   /* the "com1" device: COM1 handed to its holder */
	struct ipc_port *port; /* its kernel object port (receive right kept) */
	const uint8_t *data;   /* the module's contents, through the direct map */
	uint64_t size;         /* in bytes */
	const char *command_line; /* a boot module: its command line, else NULL */
	uint64_t physical_base; /* a memory object: its first byte */
	int protection;         /* a memory object: the most vm_map may allow */
	bool cached;            /* a memory object of a kernel page (the time page) */
	uint16_t io_from, io_to; /* an I/O permission: its ports, inclusive */
};
typedef struct device *device_t;
#define DEVICE_NULL ((device_t)0)

/* Creates the device zone and the device master port; false without memory. */
bool device_system_init(void);
/* The device master port (the kernel keeps the receive right). */
struct ipc_port *device_master_port(void);
/* True if port is the device master port. */
bool device_is_master_port(struct ipc_port *port);

/* A new device for bytes [data, data + size), with one reference (the caller's)
 * and its port, no-senders armed; NULL at the zone's limit or without memory. */
device_t device_create(const uint8_t *data, uint64_t size);
/* The same for an object of kind (KOBJECT_DEVICE, KOBJECT_PHYSICAL_MEMORY or
 * KOBJECT_IO_PERM)
 * with no bytes; the caller fills it in before giving its port out. */
device_t device_create_kind(unsigned kind);
/* Ends the device: its port dies (holders see a dead name). Idempotent. */
void device_close_port(device_t device);
/* The device's port has had no senders: ends it unless senders came back. */
void device_no_senders(struct ipc_port *port);

/* The translations of device_types.defs (KERNEL_SERVER). */
device_t dev_port_lookup(struct ipc_port *port);          /* reference, or NULL */
/* The physical-memory object behind port (a reference), or NULL. */
device_t device_memory_object_lookup(struct ipc_port *port);
/* The I/O permission behind port (a reference), or NULL. */
device_t device_io_perm_lookup(struct ipc_port *port);
struct ipc_port *convert_device_to_port(device_t device); /* consumes the reference */
void device_deallocate(device_t device);

#endif
