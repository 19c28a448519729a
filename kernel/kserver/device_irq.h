/* The "irq" device: device_intr_register / device_intr_ack of device.defs,
 * interrupt lines of the I/O APIC delivered to user-space drivers as
 * DEVICE_INTR_NOTIFY messages (device/notify.h) by a kernel thread. */
#ifndef WB_KSERVER_DEVICE_IRQ_H
#define WB_KSERVER_DEVICE_IRQ_H

#include <stdbool.h>
#include <mach/kern_return.h>
#include <device/device_types.h>
#include "device_object.h"

/* Finds the I/O APICs and starts the delivery thread; false (with a message)
 * when the machine has no I/O APIC: the device then opens but every line is
 * refused with D_NO_SUCH_DEVICE. After ipc_init and kobject_system_init. */
bool device_irq_init(void);
bool device_irq_is_name(const char *name);
/* device_open of "irq" (the caller checked the device master port). */
kern_return_t device_irq_open(dev_mode_t mode, device_t *device);
/* Drops line's registration and masks it (the kernel takes the line back). */
void device_irq_forget_line(unsigned line);

/* The "com1" device (device_console.c): while a driver holds it open, COM1's
 * ports and IRQ 4 are the driver's and kernel messages are held; when it ends
 * (closed, or the driver's last send right gone) the kernel takes COM1 back. */
bool device_console_is_name(const char *name);
kern_return_t device_console_open(dev_mode_t mode, device_t *device);
void device_console_ended(void);

#endif
