/* Reading boot modules through device.defs: device_open "module<N>", its size
 * (DEV_GET_SIZE) and command line (WB_DEV_GET_COMMAND_LINE), its bytes in
 * out-of-line reads. */
#include <device/device.h>
#include <wildebeest/device_status.h>
#include "bootstrap.h"
#include "bootstrap_herd.h"
#include "lib/format.h"
#include "lib/kstring.h"

#define READ_CHUNK (8u << 20)

static kern_return_t read_all(mach_port_t device, uint64_t size, void **data)
{
	vm_address_t buffer = 0;
	kern_return_t result = vm_allocate(mach_task_self(), &buffer, size ? size : 1, TRUE);
	if (result != KERN_SUCCESS)
		return result;
	uint64_t done = 0;
	while (done < size) {
		io_buf_ptr_t chunk = 0;
		mach_msg_type_number_t count = 0;
		int wanted = (int)(size - done < READ_CHUNK ? size - done : READ_CHUNK);
		result = device_read(device, 0, done, wanted, &chunk, &count);
		if (result == D_SUCCESS && count == 0)
			result = D_INVALID_SIZE;
		if (result != D_SUCCESS) {
			(void)vm_deallocate(mach_task_self(), buffer, size ? size : 1);
			return result;
		}
		memcpy((char *)buffer + done, chunk, count);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)chunk, count);
		done += count;
	}
	*data = (void *)buffer;
	return KERN_SUCCESS;
}

kern_return_t bootstrap_read_module(mach_port_t device_master, unsigned index,
                                    struct boot_module *module)
{
	char name[32];
	format_string_to(name, sizeof(name), "module%u", index);
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(device_master, D_READ, name, &device);
	if (result != D_SUCCESS)
		return result;
	int status[DEV_STATUS_MAX];
	mach_msg_type_number_t count = DEV_STATUS_MAX;
	result = device_get_status(device, DEV_GET_SIZE, status, &count);
	uint64_t size = result == D_SUCCESS ? (uint64_t)status[DEV_GET_SIZE_DEVICE_SIZE] : 0;
	count = WB_DEV_COMMAND_LINE_COUNT;
	if (result == D_SUCCESS)
		result = device_get_status(device, WB_DEV_GET_COMMAND_LINE, status, &count);
	if (result == D_SUCCESS) {
		size_t bytes = count * sizeof(int) < sizeof(module->command_line)
		                   ? count * sizeof(int)
		                   : sizeof(module->command_line);
		memcpy(module->command_line, status, bytes);
		module->command_line[sizeof(module->command_line) - 1] = '\0';
		module->size = size;
		result = read_all(device, size, &module->data);
	}
	(void)device_close(device);
	(void)mach_port_deallocate(mach_task_self(), device);
	return result;
}

void bootstrap_release_module(struct boot_module *module)
{
	if (module->data)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)module->data,
		                    module->size ? module->size : 1);
	module->data = NULL;
}

kern_return_t bootstrap_module_command_line(mach_port_t device_master, unsigned index,
                                            char *command_line, size_t size)
{
	char name[32];
	format_string_to(name, sizeof(name), "module%u", index);
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(device_master, D_READ, name, &device);
	if (result != D_SUCCESS)
		return result;
	int status[DEV_STATUS_MAX];
	mach_msg_type_number_t count = WB_DEV_COMMAND_LINE_COUNT;
	result = device_get_status(device, WB_DEV_GET_COMMAND_LINE, status, &count);
	if (result == D_SUCCESS && size > 0) {
		size_t bytes = count * sizeof(int) < size ? count * sizeof(int) : size;
		memcpy(command_line, status, bytes);
		command_line[bytes < size ? bytes : size - 1] = '\0';
		command_line[size - 1] = '\0';
	}
	(void)device_close(device);
	(void)mach_port_deallocate(mach_task_self(), device);
	return result;
}
