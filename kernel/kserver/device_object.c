/* Device objects and their ports (device_object.h): the master port, open
 * devices in a zone and a list (so a lookup racing with the end of a device
 * never touches freed memory), their references and their end. */
#include "kserver_types.h"
#include "kobject.h"
#include "device_object.h"
#include "device_irq.h"
#include "ipc/ipc_kernel.h"
#include "kern/spinlock.h"
#include "kern/zone.h"

/* Open devices at once, all tasks together. */
#define DEVICE_LIMIT 1024

static struct zone device_zone;
static struct ipc_port *master_port;
/* Guards the list and every device's references and port_destroyed. */
static spinlock_t devices_lock;
static struct device *open_devices;
/* What the master port stands for (its kernel object). */
static char master_object;

bool device_system_init(void)
{
	zone_init(&device_zone, "device", sizeof(struct device), DEVICE_LIMIT);
	master_port = ipc_kobject_port_create(&master_object, KOBJECT_DEVICE_MASTER);
	return master_port != NULL;
}

struct ipc_port *device_master_port(void)
{
	return master_port;
}

bool device_is_master_port(struct ipc_port *port)
{
	return IP_VALID(port) && ipc_port_kobject(port, KOBJECT_DEVICE_MASTER) != NULL;
}

static void device_free(device_t device)
{
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	for (struct device **link = &open_devices; *link; link = &(*link)->next) {
		if (*link == device) {
			*link = device->next;
			break;
		}
	}
	spin_unlock_irqrestore(&devices_lock, state);
	bool console = device->console_device;
	zone_free(&device_zone, device);
	if (console)
		device_console_ended();
}

void device_deallocate(device_t device)
{
	if (!device)
		return;
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	bool last = --device->references == 0;
	spin_unlock_irqrestore(&devices_lock, state);
	if (last)
		device_free(device);
}

device_t device_create(const uint8_t *data, uint64_t size)
{
	device_t device = device_create_kind(KOBJECT_DEVICE);
	if (device) {
		device->data = data;
		device->size = size;
	}
	return device;
}

device_t device_create_kind(unsigned kind)
{
	device_t device = zone_alloc(&device_zone);
	if (!device)
		return DEVICE_NULL;
	device->kind = kind;
	device->references = 2; /* the caller's and the port's */
	device->port = ipc_kobject_port_create(device, kind);
	if (!device->port) {
		zone_free(&device_zone, device);
		return DEVICE_NULL;
	}
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	device->next = open_devices;
	open_devices = device;
	spin_unlock_irqrestore(&devices_lock, state);
	return device;
}

void device_close_port(device_t device)
{
	if (!device)
		return;
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	bool first = !device->port_destroyed;
	device->port_destroyed = true;
	spin_unlock_irqrestore(&devices_lock, state);
	if (!first)
		return;
	/* Holders of send rights now hold dead names; the port's reference goes. */
	ipc_kobject_port_destroy(device->port);
	device_deallocate(device);
}

static device_t lookup_kind(ipc_port_t port, unsigned kind)
{
	if (!IP_VALID(port))
		return DEVICE_NULL;
	device_t candidate = ipc_port_kobject(port, kind);
	if (!candidate)
		return DEVICE_NULL;
	/* The device may have ended since: only a device still listed with this
	 * port (which the caller's right keeps allocated) is taken. */
	device_t found = DEVICE_NULL;
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	for (struct device *device = open_devices; device; device = device->next) {
		if (device == candidate && device->port == port && !device->port_destroyed) {
			device->references++;
			found = device;
			break;
		}
	}
	spin_unlock_irqrestore(&devices_lock, state);
	return found;
}

device_t dev_port_lookup(ipc_port_t port)
{
	return lookup_kind(port, KOBJECT_DEVICE);
}

device_t device_memory_object_lookup(ipc_port_t port)
{
	return lookup_kind(port, KOBJECT_PHYSICAL_MEMORY);
}

device_t device_io_perm_lookup(ipc_port_t port)
{
	return lookup_kind(port, KOBJECT_IO_PERM);
}

ipc_port_t convert_device_to_port(device_t device)
{
	if (!device)
		return IP_NULL;
	ipc_port_t port = IP_NULL;
	irq_state_t state = spin_lock_irqsave(&devices_lock);
	bool alive = !device->port_destroyed;
	spin_unlock_irqrestore(&devices_lock, state);
	if (alive) {
		port = ipc_port_make_send(device->port);
		/* The device ends when this and every later send right is gone. */
		(void)ipc_kobject_request_no_senders(port);
	}
	device_deallocate(device);
	return port;
}

void device_no_senders(ipc_port_t port)
{
	device_t device = dev_port_lookup(port);
	if (!device)
		device = device_memory_object_lookup(port);
	if (!device)
		device = device_io_perm_lookup(port);
	if (!device)
		return;
	if (ipc_kobject_request_no_senders(port))
		device_close_port(device);
	device_deallocate(device);
}
