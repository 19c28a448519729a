/* sendfile: read from one descriptor and write to another through a buffer of
 * the emulator's own (there is no server-to-server copy in the protocols). */
#include <mach.h>
#include "files.h"
#include "files_syscalls.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

#define SENDFILE_BUFFER (64u * 1024)

/* A system call on a frame of our own making. */
static long call(emul_handler_t *handler, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	struct emul_frame frame = {.rdi = a, .rsi = b, .rdx = c, .r10 = d};
	return handler(&frame);
}

long emul_sys_sendfile(struct emul_frame *frame)
{
	int out_fd = (int)frame->rdi, in_fd = (int)frame->rsi;
	uint64_t offset_address = frame->rdx, count = frame->r10;
	int64_t offset = -1;
	if (offset_address) {
		long error = emul_copy_from_user(&offset, offset_address, sizeof(offset));
		if (error < 0)
			return error;
		if (offset < 0)
			return -LINUX_EINVAL;
	}
	vm_address_t buffer = 0;
	if (vm_allocate(mach_task_self(), &buffer, SENDFILE_BUFFER, TRUE) != KERN_SUCCESS)
		return -LINUX_ENOMEM;
	long total = 0, result = 0;
	while ((uint64_t)total < count) {
		uint64_t chunk = count - (uint64_t)total;
		if (chunk > SENDFILE_BUFFER)
			chunk = SENDFILE_BUFFER;
		long got = offset >= 0 ? call(emul_sys_pread64, (uint64_t)in_fd, buffer, chunk,
		                              (uint64_t)offset)
		                       : call(emul_sys_read, (uint64_t)in_fd, buffer, chunk, 0);
		if (got <= 0) {
			result = got;
			break;
		}
		long put = call(emul_sys_write, (uint64_t)out_fd, buffer, (uint64_t)got, 0);
		if (put <= 0) {
			result = put;
			break;
		}
		total += put;
		if (offset >= 0)
			offset += put;
		if (put < got)
			break;
	}
	(void)vm_deallocate(mach_task_self(), buffer, SENDFILE_BUFFER);
	if (offset_address && total > 0)
		(void)emul_copy_to_user(offset_address, &offset, sizeof(offset));
	return total > 0 ? total : result;
}
