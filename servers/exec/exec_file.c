/* Reading a program from its file server (exec_server.h): io_stat for the
 * mode and size, then io_read in pieces, every RPC through the timed stubs
 * (exec.mk) so that a dead, slow or hostile file server cannot hold a worker. */
#include "exec_server.h"
#include "exec_logic.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include "io_timed.h"

#define READ_PIECE (1u << 20) /* trivfs answers at most 1 MiB a call */

static uint64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static size_t page_round(size_t size)
{
	return (size + 4095) & ~(size_t)4095;
}

/* Reads size bytes into buffer; 0 or an errno value. */
static int read_all(mach_port_t file, char *buffer, size_t size)
{
	uint64_t deadline = now_ms() + EXEC_FILE_TOTAL_MS;
	size_t done = 0;
	while (done < size) {
		if (now_ms() > deadline)
			return ETIMEDOUT;
		size_t wanted = size - done < READ_PIECE ? size - done : READ_PIECE;
		char *data = buffer + done;
		mach_msg_type_number_t count = (mach_msg_type_number_t)wanted;
		kern_return_t result =
		    exec_timed_io_read(file, &data, &count, (hurd_off_t)done, wanted);
		int error = exec_errno_from_rpc(result);
		if (error)
			return error;
		if (data != buffer + done) {
			/* Out of line: copy it in, give the memory back. */
			if (count <= wanted)
				memcpy(buffer + done, data, count);
			(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
		}
		if (count > wanted)
			return EIO; /* more than asked for: a broken server */
		if (count == 0)
			return ENOEXEC; /* shorter than io_stat said */
		done += count;
	}
	return 0;
}

int exec_read_file(mach_port_t file, void **image, size_t *size)
{
	*image = NULL;
	*size = 0;
	if (!MACH_PORT_VALID(file))
		return EBADF;
	struct hurd_stat status;
	memset(&status, 0, sizeof(status));
	int error = exec_errno_from_rpc(exec_timed_io_stat(file, &status));
	if (error)
		return error;
	error = exec_mode_allows(status.mode);
	if (error)
		return error;
	if (status.size <= 0)
		return ENOEXEC;
	if ((uint64_t)status.size > EXEC_IMAGE_MAX)
		return EFBIG;
	size_t length = (size_t)status.size;
	vm_address_t buffer = 0;
	if (vm_allocate(mach_task_self(), &buffer, page_round(length), TRUE) != KERN_SUCCESS)
		return ENOMEM;
	error = read_all(file, (char *)buffer, length);
	if (error) {
		(void)vm_deallocate(mach_task_self(), buffer, page_round(length));
		return error;
	}
	*image = (void *)buffer;
	*size = length;
	return 0;
}
