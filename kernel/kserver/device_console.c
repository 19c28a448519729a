/* The "com1" device (device_irq.h): opening it through the device master port
 * hands COM1 (ports 0x3f8-0x3ff, IRQ 4) to a user-space driver; its end gives
 * COM1 back to the kernel's console. One holder at a time. */
#include "kserver_types.h"
#include "device_irq.h"
#include "device_server.h"
#include "kobject.h"
#include "dev/console.h"
#include "lib/kstring.h"

#define COM1_LINE 4

bool device_console_is_name(const char *name)
{
	return strncmp(name, "com1", sizeof(dev_name_t)) == 0;
}

kern_return_t device_console_open(dev_mode_t mode, device_t *device)
{
	(void)mode;
	device_t created = device_create_kind(KOBJECT_DEVICE);
	if (!created)
		return D_NO_MEMORY;
	created->console_device = true;
	if (!console_release_serial()) {
		/* Held already: this one never counted, its end gives nothing back. */
		created->console_device = false;
		device_close_port(created);
		device_deallocate(created);
		return D_ALREADY_OPEN;
	}
	*device = created;
	return D_SUCCESS;
}

void device_console_ended(void)
{
	device_irq_forget_line(COM1_LINE);
	console_reclaim_serial();
}
