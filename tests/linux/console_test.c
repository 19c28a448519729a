/* COM1 handed to the user-space serial driver and back (the kernel's "com1"
 * device): run after `serial --console`; checks what a driver may do while it
 * holds COM1, writes a line through it, crashes it and sees COM1 return. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <unistd.h>
#include <device/device.h>
#include <libmach/glibc.h>
#include <mach/mach_i386.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>
#include <wildebeest/serial.h>


/* Whether COM1's ports can be had by a driver now. */
static kern_return_t com1_ports(mach_port_t master)
{
	mach_port_t perm = MACH_PORT_NULL;
	kern_return_t result = i386_io_perm_create(master, 0x3f8, 0x3ff, &perm);
	if (result == KERN_SUCCESS)
		(void)mach_port_deallocate(mach_task_self(), perm);
	return result;
}

int main(void)
{
	mach_port_t master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	mach_port_t driver = MACH_PORT_NULL, device = MACH_PORT_NULL, console = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup(libmach_bootstrap_port, &driver);
	check(error == 0, "the driver's port is in the registry (%d)", error);
	kern_return_t result = device_open(driver, D_READ | D_WRITE, "com1", &device);
	check(result == D_SUCCESS, "device_open through the driver (0x%x)", result);
	result = com1_ports(master);
	check(result == KERN_SUCCESS, "while the driver holds COM1 its ports are given out (0x%x)",
	      result);
	result = device_open(master, D_READ | D_WRITE, "com1", &console);
	check(result == D_ALREADY_OPEN, "a second \"com1\" open is D_ALREADY_OPEN (0x%x)", result);
	io_buf_ptr_inband_t line = "driver: this line went out through the user-space driver\n";
	int written = 0;
	result =
	    device_write_inband(device, 0, 0, line, (mach_msg_type_number_t)strlen(line), &written);
	check(result == D_SUCCESS && written == (int)strlen(line),
	      "the driver wrote a line to COM1 (0x%x)", result);
	(void)device_set_status(device, SERIAL_CRASH, NULL, 0);
	/* The driver's death ends its "com1" device: the kernel takes COM1 back. */
	for (int i = 0; i < 100 && (result = com1_ports(master)) == KERN_SUCCESS; i++)
		usleep(50000);
	check(result == KERN_PROTECTION_FAILURE,
	      "after the driver's crash COM1's ports are the kernel's again (0x%x)", result);
	result = device_open(master, D_READ | D_WRITE, "com1", &console);
	check(result == D_SUCCESS, "\"com1\" opens again (0x%x)", result);
	check(com1_ports(master) == KERN_SUCCESS, "and COM1's ports are a driver's again");
	result = device_close(console);
	check(result == D_SUCCESS && com1_ports(master) == KERN_PROTECTION_FAILURE,
	      "device_close gives COM1 back at once (0x%x)", result);
	(void)mach_port_deallocate(mach_task_self(), console);
	printf("console_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
