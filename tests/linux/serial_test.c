/* The kernel's "irq" device and the user-space serial driver (drivers/serial)
 * seen by a client: the kernel's refusals, then COM2 through the driver's
 * device port, a host-side script answering (tests/system/serial_host.pl). */
#define _GNU_SOURCE
#include "linux_check.h"

#include <pthread.h>
#include <string.h>
#include <device/device.h>
#include <device/tty_status.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>
#include <wildebeest/serial.h>


static mach_port_t new_port(void)
{
	mach_port_t port = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return port;
}

static void kernel_refusals(void)
{
	mach_port_t host = native_get_port(EMUL_PORT_HOST);
	mach_port_t master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	mach_port_t irq = MACH_PORT_NULL;
	check(device_open(host, D_READ | D_WRITE, "irq", &irq) == D_INVALID_OPERATION,
	      "the irq device does not open through the host name port");
	kern_return_t result = device_open(master, D_READ | D_WRITE, "irq", &irq);
	check(result == D_SUCCESS, "the irq device opens through the device master port (0x%x)",
	      result);
	mach_port_t port = new_port();
	const int kernel_lines[] = {0, 2, 4, 8};
	for (unsigned i = 0; i < 4; i++) {
		result =
		    device_intr_register(irq, kernel_lines[i], 0, port, MACH_MSG_TYPE_MAKE_SEND);
		check(result == KERN_PROTECTION_FAILURE,
		      "IRQ %d, the kernel's, is refused with KERN_PROTECTION_FAILURE (0x%x)",
		      kernel_lines[i], result);
	}
	const int bad_lines[] = {-1, 24, 1000};
	for (unsigned i = 0; i < 3; i++) {
		result = device_intr_register(irq, bad_lines[i], 0, port, MACH_MSG_TYPE_MAKE_SEND);
		check(result == KERN_INVALID_ARGUMENT, "line %d is KERN_INVALID_ARGUMENT (0x%x)",
		      bad_lines[i], result);
	}
	result = device_intr_register(irq, 5, 1, port, MACH_MSG_TYPE_MAKE_SEND);
	check(result == KERN_INVALID_ARGUMENT, "unknown flags are KERN_INVALID_ARGUMENT (0x%x)",
	      result);
	result = device_intr_register(irq, 5, 0, mach_task_self(), MACH_MSG_TYPE_COPY_SEND);
	check(result == KERN_INVALID_ARGUMENT,
	      "a kernel object port (the task's) is refused (0x%x)", result);
	result = device_intr_register(irq, 3, 0, port, MACH_MSG_TYPE_MAKE_SEND);
	check(result == D_ALREADY_OPEN, "IRQ 3, the driver's, is D_ALREADY_OPEN to another (0x%x)",
	      result);
	result = device_intr_ack(irq, port, MACH_MSG_TYPE_MAKE_SEND);
	check(result == KERN_INVALID_ARGUMENT, "an ack from an unregistered port is refused (0x%x)",
	      result);
	result = device_intr_register(irq, 5, 0, port, MACH_MSG_TYPE_MAKE_SEND);
	check(result == KERN_SUCCESS, "IRQ 5 registers (0x%x)", result);
	result = device_intr_ack(irq, port, MACH_MSG_TYPE_MAKE_SEND);
	check(result == D_INVALID_OPERATION,
	      "an ack with no notification outstanding is refused (0x%x)", result);
	mach_port_t other = new_port();
	result = device_intr_register(irq, 5, 0, other, MACH_MSG_TYPE_MAKE_SEND);
	check(result == D_ALREADY_OPEN, "IRQ 5 is busy while its port lives (0x%x)", result);
	(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	result = device_intr_register(irq, 5, 0, other, MACH_MSG_TYPE_MAKE_SEND);
	check(result == KERN_SUCCESS, "once its port died, IRQ 5 goes to another port (0x%x)",
	      result);
	(void)mach_port_mod_refs(mach_task_self(), other, MACH_PORT_RIGHT_RECEIVE, -1);
	io_buf_ptr_inband_t data;
	mach_msg_type_number_t count = 16;
	result = device_read_inband(irq, 0, 0, 16, data, &count);
	check(result == D_INVALID_OPERATION, "the irq device cannot be read (0x%x)", result);
	(void)mach_port_deallocate(mach_task_self(), irq);
}

struct pending_read {
	mach_port_t device;
	io_buf_ptr_inband_t data;
	size_t count;
	kern_return_t result;
};

/* Reads until 5 bytes came (the host's "pong\n"), each read waiting. */
static void *read_answer(void *argument)
{
	struct pending_read *read = argument;
	while (read->count < 5) {
		mach_msg_type_number_t count = 5 - (mach_msg_type_number_t)read->count;
		io_buf_ptr_inband_t data;
		read->result = device_read_inband(read->device, 0, 0, (int)count, data, &count);
		if (read->result == D_SUCCESS && count <= 5 - read->count)
			memcpy(read->data + read->count, data, count);
		else if (read->result == D_SUCCESS)
			read->result = D_INVALID_SIZE;
		if (read->result != D_SUCCESS)
			break;
		read->count += count;
	}
	return NULL;
}

static void driver_checks(void)
{
	mach_port_t driver = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup(libmach_bootstrap_port, &driver);
	check(error == 0, "the driver's port is in the registry (%d)", error);
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(driver, D_READ | D_WRITE, "com2", &device);
	check(result == D_SUCCESS, "device_open through the driver's port (0x%x)", result);
	io_buf_ptr_inband_t data;
	mach_msg_type_number_t count = 16;
	result = device_read_inband(device, D_NOWAIT, 0, 16, data, &count);
	check(result == D_WOULD_BLOCK,
	      "a D_NOWAIT read with nothing received: D_WOULD_BLOCK (0x%x)", result);
	struct pending_read read = {.device = device};
	pthread_t reader;
	pthread_create(&reader, NULL, read_answer, &read);
	usleep(200000);
	/* The reader waits in the driver; the driver still answers others. */
	int status[TTY_STATUS_COUNT];
	count = TTY_STATUS_COUNT;
	result = device_get_status(device, TTY_STATUS, status, &count);
	check(result == D_SUCCESS && status[0] == 115200,
	      "while a read waits, TTY_STATUS is answered: 115200 baud (0x%x)", result);
	int written = 0;
	io_buf_ptr_inband_t text = "PING\n";
	result = device_write_inband(device, 0, 0, text, 5, &written);
	check(result == D_SUCCESS && written == 5, "wrote PING to COM2 (0x%x, %d)", result,
	      written);
	pthread_join(reader, NULL);
	check(read.result == D_SUCCESS && read.count == 5 && memcmp(read.data, "pong\n", 5) == 0,
	      "the waiting read got the host's answer (0x%x, %zu bytes)", read.result, read.count);
	int counters[SERIAL_COUNTERS_COUNT];
	count = SERIAL_COUNTERS_COUNT;
	result = device_get_status(device, SERIAL_COUNTERS, counters, &count);
	check(result == D_SUCCESS && counters[0] >= 1 && counters[1] >= 5,
	      "the bytes came by interrupt (%d notifications, %d bytes)", counters[0], counters[1]);
	strcpy(text, "BYE\n");
	result = device_write_inband(device, 0, 0, text, 4, &written);
	check(result == D_SUCCESS, "wrote BYE (0x%x)", result);
}

int main(void)
{
	kernel_refusals();
	driver_checks();
	printf("serial_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
