/* The "irq" device (device_irq.h). One registration per line: a send right
 * to the driver's port. An interrupt masks its line and marks it pending; the
 * delivery thread sends the notification and the line stays masked until
 * device_intr_ack. A dead port is found at delivery or at the next register. */
#include "kserver_types.h"
#include "device_irq.h"
#include "device_server.h"
#include "kobject.h"
#include "ipc/ipc_kernel.h"
#include "arch/x86_64/ioapic.h"
#include "kern/cpu.h"
#include "kern/thread.h"
#include "kern/wait_queue.h"
#include "dev/console.h"
#include "lib/kstring.h"
#include <device/notify.h>

struct irq_line {
	struct ipc_port *port; /* the registered driver's port (a send right), or NULL */
	bool pending;          /* interrupted, notification not sent yet (line masked) */
	bool awaiting_ack;     /* notification sent, line masked until device_intr_ack */
	uint64_t interrupts;   /* counted, for debugging */
};

/* Its lock guards lines[]; the delivery thread sleeps on it. */
static struct wait_queue delivery_queue = WAIT_QUEUE_INIT;
static struct irq_line lines[IOAPIC_LINES];
static bool ioapic_present;

/* ISA IRQs the kernel keeps: the PIT, the cascade, COM1 (the console), the
 * CMOS clock and the FPU's old error line. */
static bool line_kernel_owned(unsigned line)
{
	static const unsigned kernel_lines[] = {0, 2, 4, 8, 13};
	uint32_t gsi = ioapic_line_gsi(line);
	for (size_t i = 0; i < sizeof(kernel_lines) / sizeof(kernel_lines[0]); i++) {
		if (kernel_lines[i] == 4 && console_serial_released())
			continue; /* COM1 handed to a driver (the "com1" device) */
		if (line == kernel_lines[i] || gsi == ioapic_line_gsi(kernel_lines[i]))
			return true;
	}
	return false;
}

/* Another line arriving on the same GSI is registered (a shared pin). */
static bool gsi_taken_by_other(unsigned line)
{
	for (unsigned other = 0; other < IOAPIC_LINES; other++)
		if (other != line && lines[other].port &&
		    ioapic_line_gsi(other) == ioapic_line_gsi(line))
			return true;
	return false;
}

static void line_interrupt(unsigned line)
{
	if (line >= IOAPIC_LINES)
		return;
	irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
	lines[line].interrupts++;
	bool wanted = lines[line].port != NULL && !lines[line].awaiting_ack;
	if (wanted)
		lines[line].pending = true;
	spin_unlock_irqrestore(&delivery_queue.lock, state);
	/* Unregistered or unacknowledged: the line stays masked. */
	if (wanted)
		wait_queue_wake_one(&delivery_queue);
}

static mach_msg_return_t send_notification(struct ipc_port *port, unsigned line)
{
	device_intr_notification_t message;
	memset(&message, 0, sizeof(message));
	message.intr_header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND, 0);
	message.intr_header.msgh_size = sizeof(message);
	message.intr_header.msgh_remote_port = (mach_port_t)port;
	message.intr_header.msgh_id = DEVICE_INTR_NOTIFY;
	message.intr_type =
	    (mach_msg_type_t){MACH_MSG_TYPE_INTEGER_32, 32, 1, TRUE, FALSE, FALSE, 0};
	message.id = (int)line;
	return mach_msg_send_from_kernel(&message.intr_header, sizeof(message));
}

/* Takes one pending line (with a send right to its port, for the message) or
 * sleeps until there is one. */
static unsigned next_pending(struct ipc_port **port)
{
	for (;;) {
		irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
		for (unsigned line = 0; line < IOAPIC_LINES; line++) {
			if (!lines[line].pending)
				continue;
			lines[line].pending = false;
			lines[line].awaiting_ack = true;
			*port = ipc_port_copy_send(lines[line].port);
			spin_unlock_irqrestore(&delivery_queue.lock, state);
			return line;
		}
		(void)wait_queue_sleep_locked(&delivery_queue);
		irq_restore(state);
	}
}

static _Noreturn void delivery_thread(void *argument)
{
	(void)argument;
	for (;;) {
		struct ipc_port *port = NULL;
		unsigned line = next_pending(&port);
		if (send_notification(port, line) == MACH_MSG_SUCCESS)
			continue;
		/* The driver's port is dead (or no message could be made): the line
		 * is unregistered and stays masked. */
		struct ipc_port *released = NULL;
		irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
		if (lines[line].port == port) {
			released = lines[line].port;
			lines[line].port = NULL;
			lines[line].awaiting_ack = false;
		}
		spin_unlock_irqrestore(&delivery_queue.lock, state);
		if (released)
			ipc_port_release_send(released);
	}
}

bool device_irq_init(void)
{
	ioapic_present = ioapic_init();
	if (!ioapic_present) {
		kprintf("irq: no I/O APIC in the MADT; device interrupts are not available\n");
		return false;
	}
	ioapic_line_handler = line_interrupt;
	struct thread *thread = thread_create_kernel(delivery_thread, NULL, THREAD_PRIORITY_KERNEL);
	if (!thread) {
		kprintf("irq: no memory for the delivery thread\n");
		ioapic_present = false;
		return false;
	}
	thread_start(thread);
	return true;
}

bool device_irq_is_name(const char *name)
{
	return strncmp(name, "irq", sizeof(dev_name_t)) == 0;
}

kern_return_t device_irq_open(dev_mode_t mode, device_t *device)
{
	(void)mode;
	device_t created = device_create_kind(KOBJECT_DEVICE);
	if (!created)
		return D_NO_MEMORY;
	created->irq_device = true;
	*device = created;
	return D_SUCCESS;
}

/* On success the routine keeps the send right receive_port; on failure the
 * kernel releases it with the request. */
kern_return_t ds_device_intr_register(device_t device, int id, int flags, ipc_port_t receive_port)
{
	if (!device)
		return D_NO_SUCH_DEVICE;
	if (!device->irq_device)
		return D_INVALID_OPERATION;
	/* A kernel object port cannot take notifications: refused. */
	if (id < 0 || id >= IOAPIC_LINES || flags != 0 || !IP_VALID(receive_port) ||
	    ipc_port_is_kobject(receive_port))
		return KERN_INVALID_ARGUMENT;
	unsigned line = (unsigned)id;
	if (!ioapic_present || !ioapic_line_exists(line))
		return D_NO_SUCH_DEVICE;
	if (line_kernel_owned(line))
		return KERN_PROTECTION_FAILURE;
	struct ipc_port *released = NULL;
	kern_return_t result = KERN_SUCCESS;
	irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
	struct irq_line *entry = &lines[line];
	if (gsi_taken_by_other(line)) {
		result = D_ALREADY_OPEN;
	} else if (entry->port == receive_port) {
		released = receive_port; /* registered already: the extra right goes */
	} else if (entry->port && ipc_port_alive(entry->port)) {
		result = D_ALREADY_OPEN;
	} else {
		/* New, or taking over from a driver whose port died. */
		released = entry->port;
		entry->port = receive_port;
		entry->pending = false;
		entry->awaiting_ack = false;
		ioapic_line_route(line, cpus[0].apic_id);
		ioapic_line_unmask(line);
	}
	spin_unlock_irqrestore(&delivery_queue.lock, state);
	if (released)
		ipc_port_release_send(released);
	return result;
}

/* On success the send right receive_port is consumed. */
kern_return_t ds_device_intr_ack(device_t device, ipc_port_t receive_port)
{
	if (!device)
		return D_NO_SUCH_DEVICE;
	if (!device->irq_device)
		return D_INVALID_OPERATION;
	if (!IP_VALID(receive_port))
		return KERN_INVALID_ARGUMENT;
	bool registered = false, acked = false;
	irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
	for (unsigned line = 0; line < IOAPIC_LINES; line++) {
		if (lines[line].port != receive_port)
			continue;
		registered = true;
		if (lines[line].awaiting_ack) {
			lines[line].awaiting_ack = false;
			ioapic_line_unmask(line);
			acked = true;
		}
	}
	spin_unlock_irqrestore(&delivery_queue.lock, state);
	if (!registered)
		return KERN_INVALID_ARGUMENT;
	if (!acked)
		return D_INVALID_OPERATION; /* no notification outstanding */
	ipc_port_release_send(receive_port);
	return KERN_SUCCESS;
}

void device_irq_forget_line(unsigned line)
{
	if (!ioapic_present || line >= IOAPIC_LINES)
		return;
	irq_state_t state = spin_lock_irqsave(&delivery_queue.lock);
	struct ipc_port *released = lines[line].port;
	lines[line].port = NULL;
	lines[line].pending = false;
	lines[line].awaiting_ack = false;
	ioapic_line_mask(line);
	spin_unlock_irqrestore(&delivery_queue.lock, state);
	if (released)
		ipc_port_release_send(released);
}
