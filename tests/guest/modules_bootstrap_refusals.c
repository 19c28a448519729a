/* The boot-module test's refusals (names, modes, ports, operations the devices
 * do not have) and the release of a device whose last send right goes. */
#include "modules_bootstrap.h"
#include "ipc_common.h"
#include <device/device.h>
#include <mach/mig_errors.h>

void modules_check_refusals(mach_port_t master, mach_port_t host_priv)
{
	mach_port_t device = MACH_PORT_NULL;
	static const char *const unknown[] = {"module99", "module01", "module", "disk0", ""};
	for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		kern_return_t result = device_open(master, D_READ, unknown[i], &device);
		check(result == D_NO_SUCH_DEVICE,
		      "device_open \"%s\" is D_NO_SUCH_DEVICE (result %d)", unknown[i], result);
	}
	kern_return_t result = device_open(master, D_READ | D_WRITE, "module2", &device);
	check(result == D_READ_ONLY, "opening a module for writing is D_READ_ONLY (result %d)",
	      result);
	result = device_open(host_priv, D_READ, "module2", &device);
	check(result == D_INVALID_OPERATION,
	      "device_open through the host-privileged port is refused (result %d)", result);
	result = device_open(mach_task_self(), D_READ, "module2", &device);
	check(result == D_INVALID_OPERATION,
	      "device_open through a task port is refused (result %d)", result);

	result = device_open(master, D_READ, "module2", &device);
	check(result == D_SUCCESS, "device_open module2 again (result %d)", result);
	mach_port_t other = MACH_PORT_NULL;
	result = device_open(device, D_READ, "module1", &other);
	check(result == D_INVALID_OPERATION,
	      "device_open through a device port is refused (result %d)", result);
	int written = -1;
	io_buf_ptr_inband_t inband = "x";
	result = device_write_inband(device, 0, 0, inband, 1, &written);
	check(result == D_READ_ONLY, "device_write_inband is D_READ_ONLY (result %d)", result);
	char buffer[64] = "out of line";
	result = device_write(device, 0, 0, buffer, sizeof(buffer), &written);
	check(result == D_READ_ONLY, "device_write is D_READ_ONLY (result %d)", result);
	int status[DEV_GET_SIZE_COUNT] = {0, 0};
	mach_msg_type_number_t count = DEV_GET_SIZE_COUNT;
	result = device_get_status(device, 99, status, &count);
	check(result == D_INVALID_OPERATION, "an unknown status flavour is D_INVALID_OPERATION");
	result = device_set_status(device, DEV_GET_SIZE, status, DEV_GET_SIZE_COUNT);
	check(result == D_INVALID_OPERATION, "device_set_status is D_INVALID_OPERATION (result %d)",
	      result);
	mach_port_t pager = MACH_PORT_NULL;
	result = device_map(device, VM_PROT_READ, 0, 4096, &pager, 0);
	check(result == D_INVALID_OPERATION,
	      "device_map of a module is D_INVALID_OPERATION (result %d)", result);
	count = sizeof(inband);
	result = device_read_inband(master, 0, 0, 10, inband, &count);
	check(result == D_NO_SUCH_DEVICE, "the master port is not a device (result %d)", result);
	check(device_close(device) == D_SUCCESS, "device_close");
	check(device_close(device) != D_SUCCESS, "a second device_close is refused");
	(void)mach_port_deallocate(mach_task_self(), device);
}

/* Objects in use in the kernel's "device" zone, or -1. */
static long devices_in_use(void)
{
	struct ipc_kernel_counts counts;
	if (ipc_snapshot_kernel_counts(&counts) != KERN_SUCCESS)
		return -1;
	for (unsigned i = 0; i < counts.count; i++)
		if (strcmp(counts.entries[i].name, "device") == 0)
			return (long)counts.entries[i].in_use;
	return -1;
}

void modules_check_release(mach_port_t master)
{
	long start = devices_in_use();
	check(start >= 0, "host_slab_info lists the device zone (%ld in use)", start);
	mach_port_t first = MACH_PORT_NULL, second = MACH_PORT_NULL;
	kern_return_t result = device_open(master, D_READ, "module1", &first);
	kern_return_t again = device_open(master, D_READ, "module2", &second);
	check(result == D_SUCCESS && again == D_SUCCESS && first != second,
	      "two devices open (results %d, %d)", result, again);
	check(devices_in_use() == start + 2, "the kernel counts two more devices (%ld)",
	      devices_in_use());
	check(mach_port_mod_refs(mach_task_self(), first, MACH_PORT_RIGHT_SEND, 1) == KERN_SUCCESS,
	      "a second user reference to the first device");
	(void)mach_port_deallocate(mach_task_self(), first);
	check(devices_in_use() == start + 2, "a device with a send right left stays (%ld)",
	      devices_in_use());
	(void)mach_port_deallocate(mach_task_self(), first);
	(void)mach_port_deallocate(mach_task_self(), second);
	check(devices_in_use() == start,
	      "devices whose last send right went are released without device_close (%ld)",
	      devices_in_use());
	check(ipc_type_of(first) == MACH_PORT_TYPE_NONE &&
	          ipc_type_of(second) == MACH_PORT_TYPE_NONE,
	      "their names are gone");
}
