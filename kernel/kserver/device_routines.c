/* device.defs, served for boot modules: the device master port opens
 * "module<N>" read-only, and the device port reads the module's bytes
 * (record number = byte offset), gives its size and closes. "mem" is the
 * physical-memory device (device_memory.c: device_map). "time" (the time
 * page, device_time.c) and "random" (the entropy source) are also opened
 * through the host name port, by any task. Other operations answer
 * D_INVALID_OPERATION or MIG_BAD_ID (MIG's defaults). "irq" (device_irq.c)
 * takes interrupt registrations only; "com1" (device_console.c) hands COM1
 * to its holder. */
#include "kserver_types.h"
#include "device_object.h"
#include "device_memory.h"
#include "device_irq.h"
#include "device_random.h"
#include "device_time.h"
#include "kobject.h"
#include "kern/entropy.h"
#include "device_server.h"
#include <wildebeest/device_status.h>
#include "ipc/ipc_kernel.h"
#include "kern/boot_info.h"
#include "lib/kstring.h"
#include "vm/physmem.h"

/* Largest device_read answer (the IPC limit of out-of-line data). */
#define DEVICE_READ_MAX (16u << 20)

/* The module index named by "module<N>" (decimal, no leading zero), or -1. */
static int module_index(const char *name)
{
	static const char prefix[] = "module";
	size_t length = strnlen(name, sizeof(dev_name_t));
	if (length == sizeof(dev_name_t) || length <= sizeof(prefix) - 1 ||
	    strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	const char *digits = name + sizeof(prefix) - 1;
	if (digits[0] == '0' && digits[1] != '\0')
		return -1;
	unsigned index = 0;
	for (const char *digit = digits; *digit; digit++) {
		if (*digit < '0' || *digit > '9' || index >= BOOT_MAX_MODULES)
			return -1;
		index = index * 10 + (unsigned)(*digit - '0');
	}
	return index < boot_info.module_count ? (int)index : -1;
}

kern_return_t ds_device_open(ipc_port_t master_port, ipc_port_t reply_port,
                             mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                             const_dev_name_t name, device_t *device)
{
	(void)reply_port;
	(void)reply_portPoly;
	/* Until a device server exists, every task may read the clocks and random
	 * bytes: those two open through the host name port as well. */
	if (device_time_is_name(name) && (device_is_master_port(master_port) ||
	                                  master_port == host_object.name_port))
		return device_time_open(mode, device);
	if (device_random_is_name(name) && (device_is_master_port(master_port) ||
	                                    master_port == host_object.name_port))
		return device_random_open(mode, device);
	if (!device_is_master_port(master_port))
		return D_INVALID_OPERATION;
	if (device_memory_is_name(name))
		return device_memory_open(mode, device);
	if (device_irq_is_name(name))
		return device_irq_open(mode, device);
	if (device_console_is_name(name))
		return device_console_open(mode, device);
	int index = module_index(name);
	if (index < 0)
		return D_NO_SUCH_DEVICE;
	if (mode & D_WRITE)
		return D_READ_ONLY;
	const struct boot_module *module = &boot_info.modules[index];
	*device = device_create(phys_to_virt(module->start), module->end - module->start);
	if (!*device)
		return D_NO_MEMORY;
	(*device)->command_line = module->cmdline;
	return D_SUCCESS;
}

kern_return_t ds_device_close(device_t device)
{
	if (!device)
		return D_NO_SUCH_DEVICE;
	device_close_port(device);
	return D_SUCCESS;
}

/* The bytes a read at recnum of bytes_wanted gets: short at the end, none past it. */
static io_return_t read_range(device_t device, recnum_t recnum, int bytes_wanted, size_t limit,
                              size_t *count)
{
	if (!device)
		return D_NO_SUCH_DEVICE;
	if (device->memory_device || device->time_device || device->irq_device ||
	    device->console_device)
		return D_INVALID_OPERATION; /* physical memory is mapped (device_map), not read */
	if (bytes_wanted < 0)
		return D_INVALID_SIZE;
	if (recnum > device->size)
		return D_INVALID_RECNUM;
	uint64_t available = device->size - recnum;
	uint64_t wanted = (uint64_t)bytes_wanted < limit ? (uint64_t)bytes_wanted : limit;
	*count = (size_t)(wanted < available ? wanted : available);
	return D_SUCCESS;
}

/* A read of the random device: any record number, as many bytes as asked up to limit. */
static io_return_t random_count(int bytes_wanted, size_t limit, size_t *count)
{
	if (bytes_wanted < 0)
		return D_INVALID_SIZE;
	*count = (size_t)bytes_wanted < limit ? (size_t)bytes_wanted : limit;
	return D_SUCCESS;
}

kern_return_t ds_device_read(device_t device, ipc_port_t reply_port,
                             mach_msg_type_name_t reply_portPoly, dev_mode_t mode, recnum_t recnum,
                             int bytes_wanted, io_buf_ptr_t *data, mach_msg_type_number_t *dataCnt)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	size_t count;
	io_return_t result = device && device->random_device
	                         ? random_count(bytes_wanted, DEVICE_RANDOM_READ_MAX, &count)
	                         : read_range(device, recnum, bytes_wanted, DEVICE_READ_MAX, &count);
	if (result != D_SUCCESS)
		return result;
	char *buffer = NULL;
	if (count > 0) {
		buffer = ipc_kernel_ool_alloc(count);
		if (!buffer)
			return D_NO_MEMORY;
		if (device->random_device)
			entropy_read(buffer, count);
		else
			memcpy(buffer, device->data + recnum, count);
	}
	*data = buffer;
	*dataCnt = (mach_msg_type_number_t)count;
	return D_SUCCESS;
}

kern_return_t ds_device_read_inband(device_t device, ipc_port_t reply_port,
                                    mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                                    recnum_t recnum, int bytes_wanted, io_buf_ptr_inband_t data,
                                    mach_msg_type_number_t *dataCnt)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	size_t count;
	io_return_t result = device && device->random_device
	                         ? random_count(bytes_wanted, IO_INBAND_MAX, &count)
	                         : read_range(device, recnum, bytes_wanted, IO_INBAND_MAX, &count);
	if (result != D_SUCCESS)
		return result;
	if (device->random_device)
		entropy_read(data, count);
	else
		memcpy(data, device->data + recnum, count);
	*dataCnt = (mach_msg_type_number_t)count;
	return D_SUCCESS;
}

kern_return_t ds_device_write(device_t device, ipc_port_t reply_port,
                              mach_msg_type_name_t reply_portPoly, dev_mode_t mode, recnum_t recnum,
                              io_buf_ptr_t data, mach_msg_type_number_t dataCnt, int *bytes_written)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	(void)recnum;
	(void)data;
	(void)dataCnt;
	(void)bytes_written;
	/* Refused, the request (and its out-of-line data) is destroyed by kernel/ipc. */
	return device ? D_READ_ONLY : D_NO_SUCH_DEVICE;
}

kern_return_t ds_device_write_inband(device_t device, ipc_port_t reply_port,
                                     mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                                     recnum_t recnum, const io_buf_ptr_inband_t data,
                                     mach_msg_type_number_t dataCnt, int *bytes_written)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	(void)recnum;
	(void)data;
	(void)dataCnt;
	(void)bytes_written;
	return device ? D_READ_ONLY : D_NO_SUCH_DEVICE;
}

/* WB_DEV_GET_COMMAND_LINE: the module's command line, NUL-terminated, packed
 * into the status ints. */
static kern_return_t command_line_status(device_t device, dev_status_t status,
                                         mach_msg_type_number_t *statusCnt)
{
	const char *line = device->command_line ? device->command_line : "";
	size_t bytes = strnlen(line, WB_DEV_COMMAND_LINE_COUNT * sizeof(int) - 1) + 1;
	mach_msg_type_number_t ints = (mach_msg_type_number_t)((bytes + sizeof(int) - 1) / sizeof(int));
	if (*statusCnt < ints)
		return D_INVALID_SIZE;
	memset(status, 0, ints * sizeof(int));
	memcpy(status, line, bytes - 1);
	*statusCnt = ints;
	return D_SUCCESS;
}

kern_return_t ds_device_get_status(device_t device, dev_flavor_t flavor, dev_status_t status,
                                   mach_msg_type_number_t *statusCnt)
{
	if (!device)
		return D_NO_SUCH_DEVICE;
	if (device->memory_device || device->time_device || device->random_device ||
	    device->irq_device || device->console_device)
		return D_INVALID_OPERATION;
	if (flavor == WB_DEV_GET_COMMAND_LINE)
		return command_line_status(device, status, statusCnt);
	/* Both flavours answer the same for byte-addressed modules: records of 1 byte. */
	if (flavor != DEV_GET_SIZE && flavor != DEV_GET_RECORDS)
		return D_INVALID_OPERATION;
	if (*statusCnt < DEV_GET_SIZE_COUNT)
		return D_INVALID_SIZE;
	/* The status is 32-bit ints: a module of 2 GiB or more does not fit. */
	if (device->size > INT32_MAX)
		return D_INVALID_SIZE;
	status[DEV_GET_SIZE_DEVICE_SIZE] = (int)device->size;
	status[DEV_GET_SIZE_RECORD_SIZE] = 1;
	*statusCnt = DEV_GET_SIZE_COUNT;
	return D_SUCCESS;
}

kern_return_t ds_device_set_status(device_t device, dev_flavor_t flavor, const dev_status_t status,
                                   mach_msg_type_number_t statusCnt)
{
	(void)flavor;
	(void)status;
	(void)statusCnt;
	return device ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE;
}
