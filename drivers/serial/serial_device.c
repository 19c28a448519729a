/* The serial driver's device.defs routines and interrupt handling: reads are
 * answered from the buffer or, when it is empty, late (device_reply.defs) once
 * an interrupt brings bytes, so a waiting reader holds no thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <device/device.h>
#include <device/device_types.h>
#include <device/notify.h>
#include <device/tty_status.h>
#include <wildebeest/serial.h>
#include "device_server.h"
#include "device_reply.h"
#include "serial.h"
#include "serial_uart.h"

/* MIG's demux of device.defs (device_server.c; its header does not declare it). */
boolean_t device_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static void buffer_put(uint8_t byte)
{
	if (serial.count == SERIAL_BUFFER_SIZE) {
		serial.dropped++;
		return;
	}
	serial.buffer[(serial.head + serial.count) % SERIAL_BUFFER_SIZE] = byte;
	serial.count++;
	serial.received++;
}

static size_t buffer_take(char *out, size_t wanted)
{
	size_t taken = 0;
	while (taken < wanted && serial.count > 0) {
		out[taken++] = (char)serial.buffer[serial.head];
		serial.head = (serial.head + 1) % SERIAL_BUFFER_SIZE;
		serial.count--;
	}
	return taken;
}

static void drain_uart(void)
{
	while (uart_receive_ready(serial.base))
		buffer_put(uart_receive(serial.base));
}

/* Answers the oldest waiting readers while bytes are buffered. */
static void answer_readers(void)
{
	while (serial.reader_count > 0 && serial.count > 0) {
		struct serial_reader reader = serial.readers[0];
		memmove(&serial.readers[0], &serial.readers[1],
		        --serial.reader_count * sizeof(serial.readers[0]));
		io_buf_ptr_inband_t data;
		size_t wanted = reader.bytes_wanted < (int)sizeof(data)
		                    ? (size_t)reader.bytes_wanted
		                    : sizeof(data);
		size_t count = buffer_take(data, wanted);
		/* A reader that went away leaves a dead reply right: the send fails
		 * and the right is released. */
		kern_return_t result =
		    ds_device_read_reply_inband(reader.reply, reader.reply_type, D_SUCCESS, data,
		                                (mach_msg_type_number_t)count);
		if (result != KERN_SUCCESS)
			(void)mach_port_deallocate(mach_task_self(), reader.reply);
	}
}

void serial_interrupt(void)
{
	static bool first = true;
	serial.interrupts++;
	if (first) {
		printf("serial: first interrupt on IRQ %d\n", serial.irq);
		fflush(stdout);
		first = false;
	}
	drain_uart();
	kern_return_t result =
	    device_intr_ack(serial.irq_device, serial.intr_port, MACH_MSG_TYPE_MAKE_SEND);
	if (result != KERN_SUCCESS)
		fprintf(stderr, "serial: device_intr_ack: 0x%x\n", result);
	/* Bytes that came between the drain and the ack raised no new edge. */
	drain_uart();
	answer_readers();
}

boolean_t serial_demux(mach_msg_header_t *request, mach_msg_header_t *reply)
{
	if (request->msgh_id == DEVICE_INTR_NOTIFY &&
	    request->msgh_local_port == serial.intr_port) {
		mig_reply_header_t *answer = (mig_reply_header_t *)reply;
		answer->Head.msgh_remote_port = MACH_PORT_NULL;
		answer->RetCode = MIG_NO_REPLY;
		serial_interrupt();
		return TRUE;
	}
	return device_server(request, reply);
}

static bool is_our_device(mach_port_t port)
{
	return port == serial.device_port;
}

kern_return_t ds_device_open(mach_port_t master_port, mach_port_t reply_port,
                             mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                             const_dev_name_t name, mach_port_t *device,
                             mach_msg_type_name_t *devicePoly)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	(void)name; /* one UART: every name opens it */
	if (!is_our_device(master_port))
		return D_NO_SUCH_DEVICE;
	*device = serial.device_port;
	*devicePoly = MACH_MSG_TYPE_MAKE_SEND;
	return D_SUCCESS;
}

kern_return_t ds_device_close(mach_port_t device)
{
	return is_our_device(device) ? D_SUCCESS : D_NO_SUCH_DEVICE;
}

static int write_bytes(const char *data, mach_msg_type_number_t count)
{
	for (mach_msg_type_number_t i = 0; i < count; i++)
		uart_send(serial.base, (uint8_t)data[i]);
	serial.sent += count;
	return (int)count;
}

kern_return_t ds_device_write_inband(mach_port_t device, mach_port_t reply_port,
                                     mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                                     recnum_t recnum, const io_buf_ptr_inband_t data,
                                     mach_msg_type_number_t dataCnt, int *bytes_written)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	(void)recnum;
	if (!is_our_device(device))
		return D_NO_SUCH_DEVICE;
	*bytes_written = write_bytes(data, dataCnt);
	return D_SUCCESS;
}

kern_return_t ds_device_write(mach_port_t device, mach_port_t reply_port,
                              mach_msg_type_name_t reply_portPoly, dev_mode_t mode, recnum_t recnum,
                              io_buf_ptr_t data, mach_msg_type_number_t dataCnt, int *bytes_written)
{
	(void)reply_port;
	(void)reply_portPoly;
	(void)mode;
	(void)recnum;
	if (!is_our_device(device))
		return D_NO_SUCH_DEVICE;
	*bytes_written = write_bytes(data, dataCnt);
	(void)vm_deallocate(mach_task_self(), (vm_address_t)data, dataCnt);
	return D_SUCCESS;
}

kern_return_t ds_device_read_inband(mach_port_t device, mach_port_t reply_port,
                                    mach_msg_type_name_t reply_portPoly, dev_mode_t mode,
                                    recnum_t recnum, int bytes_wanted, io_buf_ptr_inband_t data,
                                    mach_msg_type_number_t *dataCnt)
{
	(void)recnum;
	if (!is_our_device(device))
		return D_NO_SUCH_DEVICE;
	if (bytes_wanted <= 0)
		return D_INVALID_SIZE;
	drain_uart();
	if (serial.count > 0) {
		size_t wanted = (size_t)bytes_wanted < sizeof(io_buf_ptr_inband_t)
		                    ? (size_t)bytes_wanted
		                    : sizeof(io_buf_ptr_inband_t);
		*dataCnt = (mach_msg_type_number_t)buffer_take(data, wanted);
		return D_SUCCESS;
	}
	if (mode & D_NOWAIT)
		return D_WOULD_BLOCK;
	if (!MACH_PORT_VALID(reply_port))
		return D_INVALID_OPERATION;
	if (serial.reader_count == SERIAL_MAX_READERS)
		return D_WOULD_BLOCK;
	serial.readers[serial.reader_count++] =
	    (struct serial_reader){reply_port, reply_portPoly, bytes_wanted};
	return MIG_NO_REPLY;
}

kern_return_t ds_device_get_status(mach_port_t device, dev_flavor_t flavor, dev_status_t status,
                                   mach_msg_type_number_t *statusCnt)
{
	if (!is_our_device(device))
		return D_NO_SUCH_DEVICE;
	if (flavor == TTY_STATUS) {
		if (*statusCnt < TTY_STATUS_COUNT)
			return D_INVALID_SIZE;
		struct tty_status tty = {.tt_ispeed = (int)serial.baud,
		                         .tt_ospeed = (int)serial.baud};
		memcpy(status, &tty, sizeof(tty));
		*statusCnt = TTY_STATUS_COUNT;
		return D_SUCCESS;
	}
	if (flavor == SERIAL_COUNTERS) {
		if (*statusCnt < SERIAL_COUNTERS_COUNT)
			return D_INVALID_SIZE;
		status[0] = (int)serial.interrupts;
		status[1] = (int)serial.received;
		status[2] = (int)serial.dropped;
		status[3] = (int)serial.sent;
		*statusCnt = SERIAL_COUNTERS_COUNT;
		return D_SUCCESS;
	}
	return D_INVALID_OPERATION;
}

kern_return_t ds_device_set_status(mach_port_t device, dev_flavor_t flavor,
                                   const dev_status_t status, mach_msg_type_number_t statusCnt)
{
	if (!is_our_device(device))
		return D_NO_SUCH_DEVICE;
	if (flavor == SERIAL_CRASH) {
		fprintf(stderr, "serial: crashing on request (test hook)\n");
		__builtin_trap();
	}
	if (flavor != TTY_STATUS)
		return D_INVALID_OPERATION;
	if (statusCnt < TTY_STATUS_COUNT)
		return D_INVALID_SIZE;
	struct tty_status tty;
	memcpy(&tty, status, sizeof(tty));
	/* Speeds are in bits per second here (not the B* codes). */
	if (tty.tt_ispeed != tty.tt_ospeed || tty.tt_ispeed <= 0 ||
	    !uart_set_baud(serial.base, (unsigned)tty.tt_ispeed))
		return D_INVALID_OPERATION;
	serial.baud = (unsigned)tty.tt_ispeed;
	return D_SUCCESS;
}
