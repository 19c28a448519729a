/* The user-space 16550 serial driver (D9): takes a UART's I/O ports and IRQ
 * from the kernel (i386_io_perm_*, the "irq" device), registers its device
 * port with the boot runner and serves device.defs on one thread. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach.h>
#include <mach/mach_i386.h>
#include <device/device.h>
#include <libmach/glibc.h>
#include <wildebeest/native.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "serial.h"
#include "serial_uart.h"

struct serial serial;

static void usage(FILE *out)
{
	fprintf(out, "Usage: serial [--port=0xADDR] [--irq=N] [--baud=N] [--console]\n"
	             "A 16550 UART driver; COM2 (--port=0x2f8 --irq=3) by default.\n"
	             "--console: COM1 (0x3f8, IRQ 4), taken from the kernel's console.\n");
}

static bool parse_number(const char *text, unsigned long maximum, unsigned long *value)
{
	char *end;
	errno = 0;
	unsigned long parsed = strtoul(text, &end, 0);
	if (errno || end == text || *end || parsed > maximum)
		return false;
	*value = parsed;
	return true;
}

static bool parse_arguments(int argc, char **argv)
{
	serial.base = 0x2f8;
	serial.irq = 3;
	serial.baud = 115200;
	for (int i = 1; i < argc; i++) {
		unsigned long value;
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(argv[i], "--console") == 0) {
			serial.console = true;
			serial.base = 0x3f8;
			serial.irq = 4;
		} else if (strncmp(argv[i], "--port=", 7) == 0 &&
		           parse_number(argv[i] + 7, 0xfff8, &value)) {
			serial.base = (uint16_t)value;
		} else if (strncmp(argv[i], "--irq=", 6) == 0 &&
		           parse_number(argv[i] + 6, 23, &value)) {
			serial.irq = (int)value;
		} else if (strncmp(argv[i], "--baud=", 7) == 0 &&
		           parse_number(argv[i] + 7, 115200, &value)) {
			serial.baud = (unsigned)value;
		} else {
			fprintf(stderr, "serial: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return false;
		}
	}
	return true;
}

static kern_return_t take_hardware(mach_port_t master)
{
	if (serial.console) {
		/* The kernel stops using COM1 while we hold this device open (for
		 * good: it is never closed, and our death gives COM1 back). */
		kern_return_t result =
		    device_open(master, D_READ | D_WRITE, "com1", &serial.console_device);
		if (result != KERN_SUCCESS) {
			fprintf(stderr, "serial: the kernel keeps COM1 (0x%x)\n", result);
			return result;
		}
	}
	mach_port_t perm = MACH_PORT_NULL;
	kern_return_t result = i386_io_perm_create(master, serial.base, serial.base + 7, &perm);
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "serial: I/O ports 0x%x-0x%x refused (0x%x)\n", serial.base,
		        serial.base + 7, result);
		return result;
	}
	result = i386_io_perm_modify(mach_task_self(), perm, TRUE);
	(void)mach_port_deallocate(mach_task_self(), perm);
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "serial: cannot enable the I/O ports (0x%x)\n", result);
		return result;
	}
	if (!uart_init(serial.base, serial.baud)) {
		fprintf(stderr, "serial: no 16550 at 0x%x or bad speed %u\n", serial.base,
		        serial.baud);
		return KERN_FAILURE;
	}
	result = device_open(master, D_READ | D_WRITE, "irq", &serial.irq_device);
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "serial: cannot open the irq device (0x%x)\n", result);
		return result;
	}
	result = device_intr_register(serial.irq_device, serial.irq, 0, serial.intr_port,
	                              MACH_MSG_TYPE_MAKE_SEND);
	if (result != KERN_SUCCESS)
		fprintf(stderr, "serial: IRQ %d refused (0x%x)\n", serial.irq, result);
	return result;
}

static kern_return_t make_ports(void)
{
	mach_port_t self = mach_task_self();
	kern_return_t result = mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &serial.port_set);
	if (result == KERN_SUCCESS)
		result = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &serial.intr_port);
	if (result == KERN_SUCCESS)
		result = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &serial.device_port);
	if (result == KERN_SUCCESS)
		result = mach_port_move_member(self, serial.intr_port, serial.port_set);
	if (result == KERN_SUCCESS)
		result = mach_port_move_member(self, serial.device_port, serial.port_set);
	return result;
}

int main(int argc, char **argv)
{
	if (!parse_arguments(argc, argv))
		return 2;
	mach_port_t master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	if (!MACH_PORT_VALID(master)) {
		fprintf(stderr, "serial: no device master port: %s\n", strerror(errno));
		return 1;
	}
	kern_return_t result = make_ports();
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "serial: cannot make its ports (0x%x)\n", result);
		return 1;
	}
	if (take_hardware(master) != KERN_SUCCESS)
		return 1;
	(void)mach_port_deallocate(mach_task_self(), master);
	result = mach_port_insert_right(mach_task_self(), serial.device_port, serial.device_port,
	                                MACH_MSG_TYPE_MAKE_SEND);
	if (result == KERN_SUCCESS)
		result =
		    MACH_PORT_VALID(libmach_bootstrap_port)
		        ? bootstrap_registry_register(libmach_bootstrap_port, serial.device_port)
		        : MACH_SEND_INVALID_DEST;
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "serial: cannot register its device port (0x%x)\n", result);
		return 1;
	}
	printf("serial: serving the UART at 0x%x, IRQ %d\n", serial.base, serial.irq);
	fflush(stdout);
	result = mach_msg_server(serial_demux, 8192, serial.port_set);
	fprintf(stderr, "serial: receive failed (0x%x)\n", result);
	return 1;
}
