/* The "random" device: opened through the host name port, read-only; reads
 * give the bytes asked for, different each time, every byte value appearing;
 * bad sizes and other operations are refused. */
#include "clock_test.h"
#include <device/device.h>

void clock_test_random(void)
{
	mach_port_t host = mach_host_self(), self = mach_task_self(), device = MACH_PORT_NULL;
	check(device_open(host, D_READ | D_WRITE, "random", &device) == D_READ_ONLY,
	      "the random device refuses D_WRITE (D_READ_ONLY)");
	kern_return_t result = device_open(host, D_READ, "random", &device);
	(void)mach_port_deallocate(self, host);
	if (!check(result == D_SUCCESS, "device_open of \"random\" through the host name port (%d)",
	           result))
		return;
	io_buf_ptr_inband_t first, second; /* 128 bytes, of which 32 are asked for */
	mach_msg_type_number_t first_count = sizeof(first), second_count = sizeof(second);
	check(device_read_inband(device, 0, 0, 32, first, &first_count) == D_SUCCESS &&
	          device_read_inband(device, 0, 0, 32, second, &second_count) == D_SUCCESS &&
	          first_count == 32 && second_count == 32,
	      "device_read_inband of the random device gives 32 bytes, twice");
	check(memcmp(first, second, 32) != 0, "two reads of 32 random bytes differ");
	io_buf_ptr_t data = 0;
	mach_msg_type_number_t count = 0;
	result = device_read(device, 0, 0, 8192, &data, &count);
	unsigned seen[256] = {0}, distinct = 0;
	if (result == D_SUCCESS) {
		for (mach_msg_type_number_t i = 0; i < count; i++)
			seen[(uint8_t)data[i]]++;
		for (unsigned value = 0; value < 256; value++)
			distinct += seen[value] != 0;
		(void)vm_deallocate(self, (vm_address_t)data, count);
	}
	check(result == D_SUCCESS && count == 8192 && distinct == 256,
	      "device_read of 8 KiB of random bytes: every byte value appears (%u distinct)",
	      distinct);
	check(device_read_inband(device, 0, 0, -1, first, &first_count) == D_INVALID_SIZE,
	      "a negative read size is D_INVALID_SIZE");
	int written = 0;
	check(device_write_inband(device, 0, 0, first, 4, &written) == D_READ_ONLY,
	      "writing to the random device is D_READ_ONLY");
	int status[DEV_GET_SIZE_COUNT];
	mach_msg_type_number_t status_count = DEV_GET_SIZE_COUNT;
	check(device_get_status(device, DEV_GET_SIZE, status, &status_count) == D_INVALID_OPERATION,
	      "device_get_status of the random device is D_INVALID_OPERATION");
	(void)device_close(device);
	(void)mach_port_deallocate(self, device);
}
