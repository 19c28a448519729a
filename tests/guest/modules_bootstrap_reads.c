/* The boot-module test's reads: module 2 (known text) whole, at offsets, across
 * its end and past it, out of line and in line, and its command line; module 1
 * (a guest ELF) whole, against the size the harness passed and the ELF magic. */
#include "modules_bootstrap.h"
#include "ipc_common.h"
#include <device/device.h>
#include <wildebeest/device_status.h>

char modules_text_byte(uint64_t offset)
{
	char line[MODULES_TEXT_LINE_BYTES + 1];
	format_string_to(line, sizeof(line), "line %05u of the module test\n",
	                 (unsigned)(offset / MODULES_TEXT_LINE_BYTES));
	return line[offset % MODULES_TEXT_LINE_BYTES];
}

static bool text_matches(const char *data, uint64_t offset, uint64_t count)
{
	for (uint64_t i = 0; i < count; i++) {
		if (data[i] != modules_text_byte(offset + i)) {
			print("# byte %lu: 0x%x, expected 0x%x\n", (unsigned long)(offset + i),
			      (unsigned)(uint8_t)data[i],
			      (unsigned)(uint8_t)modules_text_byte(offset + i));
			return false;
		}
	}
	return true;
}

/* device_read at offset of wanted bytes: result, count, and whether they match. */
static kern_return_t read_text(mach_port_t device, uint64_t offset, int wanted,
                               mach_msg_type_number_t *count, bool *matches)
{
	io_buf_ptr_t data = 0;
	*count = 0;
	kern_return_t result = device_read(device, 0, offset, wanted, &data, count);
	*matches = result == D_SUCCESS && text_matches(data, offset, *count);
	if (result == D_SUCCESS && data)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, *count);
	return result;
}

void modules_check_text(mach_port_t master)
{
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(master, D_READ, "module2", &device);
	check(result == D_SUCCESS, "device_open module2 (result %d)", result);
	check(ipc_type_of(device) == MACH_PORT_TYPE_SEND, "module2's device port is a send right");

	int status[DEV_STATUS_MAX];
	mach_msg_type_number_t count = DEV_STATUS_MAX;
	result = device_get_status(device, DEV_GET_SIZE, status, &count);
	check(result == D_SUCCESS && count == DEV_GET_SIZE_COUNT &&
	          status[DEV_GET_SIZE_DEVICE_SIZE] == MODULES_TEXT_BYTES &&
	          status[DEV_GET_SIZE_RECORD_SIZE] == 1,
	      "DEV_GET_SIZE: %d bytes, records of %d (result %d, count %u)",
	      status[DEV_GET_SIZE_DEVICE_SIZE], status[DEV_GET_SIZE_RECORD_SIZE], result, count);

	/* Module 2's command line is the path the harness gave QEMU. */
	static const char name[] = "modules-text.txt";
	count = WB_DEV_COMMAND_LINE_COUNT;
	result = device_get_status(device, WB_DEV_GET_COMMAND_LINE, status, &count);
	const char *line = (const char *)status;
	size_t length = result == D_SUCCESS ? strnlen(line, count * sizeof(int)) : 0;
	check(result == D_SUCCESS && count >= 1 && count <= WB_DEV_COMMAND_LINE_COUNT &&
	          length < count * sizeof(int) && length >= sizeof(name) - 1 &&
	          strcmp(line + length - (sizeof(name) - 1), name) == 0,
	      "WB_DEV_GET_COMMAND_LINE gives module 2's command line (result %d, count %u)", result,
	      count);
	count = 1;
	result = device_get_status(device, WB_DEV_GET_COMMAND_LINE, status, &count);
	check(result == D_INVALID_SIZE,
	      "a status buffer too small for the command line is D_INVALID_SIZE (result %d)",
	      result);

	bool matches;
	result = read_text(device, 0, MODULES_TEXT_BYTES, &count, &matches);
	check(result == D_SUCCESS && count == MODULES_TEXT_BYTES && matches,
	      "device_read of module 2 whole gives its %u bytes (result %d, count %u)",
	      MODULES_TEXT_BYTES, result, count);
	result = read_text(device, 4093, 300, &count, &matches);
	check(result == D_SUCCESS && count == 300 && matches,
	      "device_read at offset 4093 gives the right 300 bytes (result %d, count %u)", result,
	      count);
	result = read_text(device, MODULES_TEXT_BYTES - 10, 100, &count, &matches);
	check(result == D_SUCCESS && count == 10 && matches,
	      "device_read across the end is short: 10 bytes (result %d, count %u)", result, count);
	result = read_text(device, MODULES_TEXT_BYTES, 100, &count, &matches);
	check(result == D_SUCCESS && count == 0, "device_read at the end gives 0 bytes (result %d)",
	      result);
	result = read_text(device, MODULES_TEXT_BYTES + 1, 100, &count, &matches);
	check(result == D_INVALID_RECNUM,
	      "device_read past the end is D_INVALID_RECNUM (result %d)", result);
	result = read_text(device, 0, -1, &count, &matches);
	check(result == D_INVALID_SIZE, "a negative size is D_INVALID_SIZE (result %d)", result);

	io_buf_ptr_inband_t inband;
	count = sizeof(inband);
	result = device_read_inband(device, 0, 61, 50, inband, &count);
	check(result == D_SUCCESS && count == 50 && text_matches(inband, 61, 50),
	      "device_read_inband at 61 gives the right 50 bytes (result %d, count %u)", result,
	      count);
	count = sizeof(inband);
	result = device_read_inband(device, 0, 1000, 4000, inband, &count);
	check(result == D_SUCCESS && count == IO_INBAND_MAX && text_matches(inband, 1000, count),
	      "device_read_inband gives at most %d bytes (result %d, count %u)", IO_INBAND_MAX,
	      result, count);
	count = sizeof(inband);
	result = device_read_inband(device, 0, MODULES_TEXT_BYTES - 3, 50, inband, &count);
	check(result == D_SUCCESS && count == 3 && text_matches(inband, MODULES_TEXT_BYTES - 3, 3),
	      "device_read_inband across the end is short (result %d, count %u)", result, count);

	result = device_close(device);
	check(result == D_SUCCESS, "device_close module2 (result %d)", result);
	check(ipc_type_of(device) == MACH_PORT_TYPE_DEAD_NAME,
	      "after device_close the device name is a dead name");
	check(device_read_inband(device, 0, 0, 10, inband, &count) != D_SUCCESS,
	      "a closed device cannot be read");
	check(mach_port_deallocate(mach_task_self(), device) == KERN_SUCCESS,
	      "the dead name is deallocated");
}

void modules_check_elf(mach_port_t master, unsigned long size1)
{
	mach_port_t device = MACH_PORT_NULL;
	kern_return_t result = device_open(master, D_READ, "module1", &device);
	check(result == D_SUCCESS, "device_open module1 (result %d)", result);
	int status[DEV_GET_SIZE_COUNT];
	mach_msg_type_number_t count = DEV_GET_SIZE_COUNT;
	result = device_get_status(device, DEV_GET_SIZE, status, &count);
	check(result == D_SUCCESS && (unsigned long)status[0] == size1 && status[1] == 1,
	      "module 1's size is the file's, %lu bytes (got %d, result %d)", size1, status[0],
	      result);
	io_buf_ptr_t data = 0;
	count = 0;
	result = device_read(device, 0, 0, (int)size1 + 4096, &data, &count);
	check(result == D_SUCCESS && count == size1,
	      "device_read of module 1 whole gives its %lu bytes (result %d, count %u)", size1,
	      result, count);
	check(result == D_SUCCESS && count >= 4 && data[0] == 0x7f && data[1] == 'E' &&
	          data[2] == 'L' && data[3] == 'F',
	      "module 1 starts with the ELF magic");
	if (result == D_SUCCESS && data)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	check(device_close(device) == D_SUCCESS, "device_close module1");
	(void)mach_port_deallocate(mach_task_self(), device);
}
