/* I/O until files and a terminal exist: descriptors 0, 1 and 2 are the boot
 * console (1 and 2 write to it; 0 reads as end of input), every other
 * descriptor is not open (EBADF). */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define CONSOLE_RDEV ((5ull << 8) | 1) /* /dev/console's device numbers */

static int is_console(uint64_t fd)
{
	return fd <= 2;
}

long emul_sys_read(struct emul_frame *frame)
{
	uint64_t fd = frame->rdi, buffer = frame->rsi, count = frame->rdx;
	if (!is_console(fd))
		return -LINUX_EBADF;
	if (!emul_user_range_ok(buffer, count, VM_PROT_WRITE))
		return -LINUX_EFAULT;
	return 0; /* the console has no input path yet: end of input */
}

static long write_console(uint64_t fd, uint64_t buffer, uint64_t count)
{
	if (fd != 1 && fd != 2)
		return -LINUX_EBADF;
	if ((int64_t)count < 0)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(buffer, count, VM_PROT_READ))
		return -LINUX_EFAULT;
	emul_console_write((const char *)buffer, count);
	return (long)count;
}

long emul_sys_write(struct emul_frame *frame)
{
	return write_console(frame->rdi, frame->rsi, frame->rdx);
}

long emul_sys_writev(struct emul_frame *frame)
{
	uint64_t fd = frame->rdi, vector = frame->rsi, count = frame->rdx;
	if (fd != 1 && fd != 2)
		return -LINUX_EBADF;
	if (count > LINUX_IOV_MAX)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(vector, count * sizeof(struct linux_iovec), VM_PROT_READ))
		return -LINUX_EFAULT;
	const struct linux_iovec *iov = (const struct linux_iovec *)vector;
	uint64_t total = 0;
	for (uint64_t i = 0; i < count; i++) {
		if ((int64_t)iov[i].length < 0 || total + iov[i].length < total)
			return -LINUX_EINVAL;
		total += iov[i].length;
		if (!emul_user_range_ok(iov[i].base, iov[i].length, VM_PROT_READ))
			return -LINUX_EFAULT;
	}
	for (uint64_t i = 0; i < count; i++)
		emul_console_write((const char *)iov[i].base, iov[i].length);
	return (long)total;
}

long emul_sys_ioctl(struct emul_frame *frame)
{
	/* The console is not a terminal until the terminal server exists. */
	return is_console(frame->rdi) ? -LINUX_ENOTTY : -LINUX_EBADF;
}

static long stat_console(uint64_t fd, uint64_t buffer)
{
	if (!is_console(fd))
		return -LINUX_EBADF;
	struct linux_stat status;
	memset(&status, 0, sizeof(status));
	status.st_mode = LINUX_S_IFCHR | 0620;
	status.st_nlink = 1;
	status.st_rdev = CONSOLE_RDEV;
	status.st_blksize = 1024;
	return emul_copy_to_user(buffer, &status, sizeof(status));
}

long emul_sys_fstat(struct emul_frame *frame)
{
	return stat_console(frame->rdi, frame->rsi);
}

long emul_sys_newfstatat(struct emul_frame *frame)
{
	int64_t dirfd = (int64_t)frame->rdi;
	uint64_t path = frame->rsi, buffer = frame->rdx, flags = frame->r10;
	long length = emul_user_string_length(path, LINUX_PATH_MAX);
	if (length < 0)
		return length;
	if (length == 0) {
		if (!(flags & LINUX_AT_EMPTY_PATH))
			return -LINUX_ENOENT;
		return dirfd < 0 ? -LINUX_EBADF : stat_console((uint64_t)dirfd, buffer);
	}
	return -LINUX_ENOENT; /* no file system yet */
}
