/* getrandom: bytes of the kernel's "random" device (kern/entropy.c), opened
 * once per process through the host name port: up to 128 bytes a
 * device_read_inband, larger requests in device_read's out-of-line chunks of
 * at most 64 KiB. The pool never blocks, so GRND_NONBLOCK and GRND_RANDOM
 * change nothing; a request is cut at 32 MiB - 1 bytes as on Linux. */
#include <mach.h>
#include <device/device.h>
#include "emul.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define CHUNK_BYTES   (64u << 10)
#define REQUEST_LIMIT ((32u << 20) - 1)

static mach_port_t random_device = MACH_PORT_NULL;
static emul_lock_t random_lock;

static mach_port_t the_random_device(void)
{
	mach_port_t device = __atomic_load_n(&random_device, __ATOMIC_ACQUIRE);
	if (MACH_PORT_VALID(device))
		return device;
	emul_lock(&random_lock);
	if (!MACH_PORT_VALID(random_device)) {
		mach_port_t host = mach_host_self(), opened = MACH_PORT_NULL;
		kern_return_t result = device_open(host, D_READ, "random", &opened);
		(void)mach_port_deallocate(mach_task_self(), host);
		if (result == D_SUCCESS)
			__atomic_store_n(&random_device, opened, __ATOMIC_RELEASE);
		else
			emul_log("getrandom: the random device cannot be opened (0x%x)", result);
	}
	device = random_device;
	emul_unlock(&random_lock);
	return device;
}

/* Reads length bytes (at most CHUNK_BYTES) to the caller's address. */
static long read_chunk(mach_port_t device, uint64_t address, uint32_t length)
{
	if (length <= sizeof(io_buf_ptr_inband_t)) {
		io_buf_ptr_inband_t bytes;
		mach_msg_type_number_t count = sizeof(bytes);
		if (device_read_inband(device, 0, 0, (int)length, bytes, &count) != D_SUCCESS ||
		    count != length)
			return -LINUX_EAGAIN;
		memcpy((void *)address, bytes, length);
		memset(bytes, 0, sizeof(bytes));
		return 0;
	}
	io_buf_ptr_t data = 0;
	mach_msg_type_number_t count = 0;
	if (device_read(device, 0, 0, (int)length, &data, &count) != D_SUCCESS)
		return -LINUX_EAGAIN;
	long result = count == length ? 0 : -LINUX_EAGAIN;
	if (result == 0)
		memcpy((void *)address, data, length);
	(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return result;
}

long emul_sys_getrandom(struct emul_frame *frame)
{
	uint64_t address = frame->rdi, length = frame->rsi;
	if (frame->rdx & ~(uint64_t)(LINUX_GRND_NONBLOCK | LINUX_GRND_RANDOM | LINUX_GRND_INSECURE))
		return -LINUX_EINVAL;
	if ((frame->rdx & LINUX_GRND_RANDOM) && (frame->rdx & LINUX_GRND_INSECURE))
		return -LINUX_EINVAL;
	if (length > REQUEST_LIMIT)
		length = REQUEST_LIMIT;
	if (length == 0)
		return 0;
	if (!emul_user_range_ok(address, length, VM_PROT_WRITE))
		return -LINUX_EFAULT;
	mach_port_t device = the_random_device();
	if (!MACH_PORT_VALID(device))
		return -LINUX_EAGAIN;
	uint64_t done = 0;
	while (done < length) {
		uint32_t chunk =
		    length - done < CHUNK_BYTES ? (uint32_t)(length - done) : CHUNK_BYTES;
		long result = read_chunk(device, address + done, chunk);
		if (result < 0)
			return done ? (long)done : result;
		done += chunk;
	}
	return (long)done;
}
