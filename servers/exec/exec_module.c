/* Reading a boot module through device.defs (exec_module.h): device_open
 * "module<N>", DEV_GET_SIZE, the command line, then out-of-line reads. */
#include "exec_module.h"

#include <stdio.h>
#include <string.h>
#include <device/device.h>
#include <wildebeest/device_status.h>

#define READ_PIECE (8u << 20)

static size_t page_round(size_t size)
{
	return ((size ? size : 1) + 4095) & ~(size_t)4095;
}

static kern_return_t read_bytes(mach_port_t device, size_t size, void **data)
{
	vm_address_t buffer = 0;
	kern_return_t result = vm_allocate(mach_task_self(), &buffer, page_round(size), TRUE);
	if (result != KERN_SUCCESS)
		return result;
	size_t done = 0;
	while (done < size) {
		io_buf_ptr_t piece = 0;
		mach_msg_type_number_t count = 0;
		int wanted = (int)(size - done < READ_PIECE ? size - done : READ_PIECE);
		result = device_read(device, 0, (recnum_t)done, wanted, &piece, &count);
		if (result == D_SUCCESS && (count == 0 || count > (mach_msg_type_number_t)wanted))
			result = D_INVALID_SIZE;
		if (result != D_SUCCESS) {
			(void)vm_deallocate(mach_task_self(), buffer, page_round(size));
			return result;
		}
		memcpy((char *)buffer + done, piece, count);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)piece, count);
		done += count;
	}
	*data = (void *)buffer;
	return KERN_SUCCESS;
}

kern_return_t exec_module_read(mach_port_t device_master, unsigned index, void **data, size_t *size,
                               char *command_line, size_t line_size)
{
	char name[32];
	snprintf(name, sizeof(name), "module%u", index);
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(device_master, D_READ, name, &device);
	if (result != D_SUCCESS)
		return result;
	int status[WB_DEV_COMMAND_LINE_COUNT];
	mach_msg_type_number_t count = WB_DEV_COMMAND_LINE_COUNT;
	result = device_get_status(device, DEV_GET_SIZE, status, &count);
	size_t bytes = result == D_SUCCESS ? (size_t)(unsigned)status[DEV_GET_SIZE_DEVICE_SIZE] : 0;
	count = WB_DEV_COMMAND_LINE_COUNT;
	if (result == D_SUCCESS)
		result = device_get_status(device, WB_DEV_GET_COMMAND_LINE, status, &count);
	if (result == D_SUCCESS && line_size > 0) {
		size_t length =
		    count * sizeof(int) < line_size - 1 ? count * sizeof(int) : line_size - 1;
		memcpy(command_line, status, length);
		command_line[length] = '\0';
	}
	if (result == D_SUCCESS)
		result = read_bytes(device, bytes, data);
	if (result == D_SUCCESS)
		*size = bytes;
	(void)device_close(device);
	(void)mach_port_deallocate(mach_task_self(), device);
	return result;
}

void exec_module_release(void *data, size_t size)
{
	if (data)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, page_round(size));
}
