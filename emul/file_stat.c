/* fstat, newfstatat, stat, lstat, statx, statfs and fstatfs: io_stat and
 * file_statfs answers in Linux's layouts (stat buffers checked through the
 * thread's one-page check cache); the console descriptors describe a
 * character device (5, 1). */
#include <mach.h>
#include <timed_fs.h>
#include <timed_io.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"
#include "user_check_cache.h"
#include "lib/kstring.h"

#define CONSOLE_RDEV ((5ull << 8) | 1) /* /dev/console's device numbers */

static void console_status(struct hurd_stat *status)
{
	memset(status, 0, sizeof(*status));
	status->mode = LINUX_S_IFCHR | 0620;
	status->nlink = 1;
	status->rdev = CONSOLE_RDEV;
	status->block_size = 1024;
}

static long port_status(mach_port_t port, struct hurd_stat *status)
{
	kern_return_t result = timed_io_stat(port, EMUL_FILE_RPC_MS, status);
	return result == KERN_SUCCESS ? 0 : emul_rpc_errno(result);
}

/* What fd describes. */
static long fd_status(int fd, struct hurd_stat *status)
{
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	if (ref.entry.kind == EMUL_FD_CONSOLE)
		console_status(status);
	else
		result = port_status(ref.entry.port, status);
	emul_fd_put(&ref);
	return result;
}

/* What path (from dirfd, AT_* flags) describes. */
static long path_status(int dirfd, uint64_t path_address, uint64_t flags, struct hurd_stat *status)
{
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(path_address, path, 1);
	if (error < 0)
		return error;
	if (path[0] == '\0') {
		if (!(flags & LINUX_AT_EMPTY_PATH))
			return -LINUX_ENOENT;
		if (dirfd == LINUX_AT_FDCWD) {
			mach_port_t cwd;
			error = emul_dirfd_port(dirfd, &cwd);
			if (error < 0)
				return error;
			error = port_status(cwd, status);
			emul_port_release(cwd);
			return error;
		}
		return fd_status(dirfd, status);
	}
	mach_port_t port;
	int lookup_flags = (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? HURD_O_NOLINK : 0;
	error = emul_path_lookup(dirfd, path, lookup_flags, 0, &port);
	if (error < 0)
		return error;
	error = port_status(port, status);
	emul_port_release(port);
	return error;
}

/* The callers checked address (writable, the size of the layout). */
static long copy_linux_stat(uint64_t address, const struct hurd_stat *status)
{
	struct linux_stat out;
	memset(&out, 0, sizeof(out));
	out.st_dev = status->fsid;
	out.st_ino = status->ino;
	out.st_nlink = status->nlink;
	out.st_mode = status->mode;
	out.st_uid = status->uid;
	out.st_gid = status->gid;
	out.st_rdev = status->rdev;
	out.st_size = status->size;
	out.st_blksize = status->block_size ? status->block_size : 4096;
	out.st_blocks = status->blocks;
	out.st_atime_sec = (uint64_t)status->atime.seconds;
	out.st_atime_nsec = (uint64_t)status->atime.nanoseconds;
	out.st_mtime_sec = (uint64_t)status->mtime.seconds;
	out.st_mtime_nsec = (uint64_t)status->mtime.nanoseconds;
	out.st_ctime_sec = (uint64_t)status->ctime.seconds;
	out.st_ctime_nsec = (uint64_t)status->ctime.nanoseconds;
	memcpy((void *)address, &out, sizeof(out));
	return 0;
}

long emul_sys_fstat(struct emul_frame *frame)
{
	if (!emul_user_range_ok_cached(frame->rsi, sizeof(struct linux_stat), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct hurd_stat status;
	long error = fd_status((int)frame->rdi, &status);
	return error < 0 ? error : copy_linux_stat(frame->rsi, &status);
}

static long stat_at(int dirfd, uint64_t path, uint64_t buffer, uint64_t flags)
{
	if (flags &
	    ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT))
		return -LINUX_EINVAL;
	if (!emul_user_range_ok_cached(buffer, sizeof(struct linux_stat), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct hurd_stat status;
	long error = path_status(dirfd, path, flags, &status);
	return error < 0 ? error : copy_linux_stat(buffer, &status);
}

long emul_sys_newfstatat(struct emul_frame *frame)
{
	return stat_at((int)frame->rdi, frame->rsi, frame->rdx, frame->r10);
}

long emul_sys_stat(struct emul_frame *frame)
{
	return stat_at(LINUX_AT_FDCWD, frame->rdi, frame->rsi, 0);
}

long emul_sys_lstat(struct emul_frame *frame)
{
	return stat_at(LINUX_AT_FDCWD, frame->rdi, frame->rsi, LINUX_AT_SYMLINK_NOFOLLOW);
}

static struct linux_statx_timestamp statx_time(struct hurd_timespec time)
{
	return (struct linux_statx_timestamp){.seconds = time.seconds,
	                                      .nanoseconds = (uint32_t)time.nanoseconds};
}

long emul_sys_statx(struct emul_frame *frame)
{
	int dirfd = (int)frame->rdi;
	uint64_t path = frame->rsi, flags = frame->rdx, buffer = frame->r8;
	if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH |
	                        LINUX_AT_NO_AUTOMOUNT | LINUX_AT_STATX_SYNC_TYPE))
		return -LINUX_EINVAL;
	if (!emul_user_range_ok_cached(buffer, sizeof(struct linux_statx), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct hurd_stat status;
	long error = path_status(dirfd, path, flags, &status);
	if (error < 0)
		return error;
	struct linux_statx out;
	memset(&out, 0, sizeof(out));
	out.mask = LINUX_STATX_BASIC_STATS;
	out.blksize = status.block_size ? status.block_size : 4096;
	out.nlink = status.nlink;
	out.uid = status.uid;
	out.gid = status.gid;
	out.mode = (uint16_t)status.mode;
	out.ino = status.ino;
	out.size = (uint64_t)status.size;
	out.blocks = (uint64_t)status.blocks;
	out.atime = statx_time(status.atime);
	out.mtime = statx_time(status.mtime);
	out.ctime = statx_time(status.ctime);
	out.rdev_major = (uint32_t)(status.rdev >> 8) & 0xfff;
	out.rdev_minor = (uint32_t)(status.rdev & 0xff);
	out.dev_major = (uint32_t)(status.fsid >> 8) & 0xfff;
	out.dev_minor = (uint32_t)(status.fsid & 0xff);
	memcpy((void *)buffer, &out, sizeof(out)); /* checked above */
	return 0;
}

static long copy_linux_statfs(mach_port_t port, uint64_t buffer)
{
	struct hurd_statfs info;
	kern_return_t result = timed_file_statfs(port, EMUL_FILE_RPC_MS, &info);
	if (result != KERN_SUCCESS)
		return emul_rpc_errno(result);
	struct linux_statfs out;
	memset(&out, 0, sizeof(out));
	out.type = info.type;
	out.block_size = info.block_size;
	out.blocks = info.blocks;
	out.blocks_free = info.blocks_free;
	out.blocks_available = info.blocks_available;
	out.files = info.files;
	out.files_free = info.files_free;
	out.fsid[0] = (int32_t)info.fsid;
	out.fsid[1] = (int32_t)(info.fsid >> 32);
	out.name_max = info.name_max;
	out.fragment_size = info.fragment_size ? info.fragment_size : info.block_size;
	out.flags = info.flags;
	return emul_copy_to_user(buffer, &out, sizeof(out));
}

long emul_sys_statfs(struct emul_frame *frame)
{
	if (!emul_user_range_ok(frame->rsi, sizeof(struct linux_statfs), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(frame->rdi, path, 0);
	if (error < 0)
		return error;
	mach_port_t port;
	error = emul_path_lookup(LINUX_AT_FDCWD, path, 0, 0, &port);
	if (error < 0)
		return error;
	error = copy_linux_statfs(port, frame->rsi);
	emul_port_release(port);
	return error;
}

long emul_sys_fstatfs(struct emul_frame *frame)
{
	if (!emul_user_range_ok(frame->rsi, sizeof(struct linux_statfs), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct emul_fd_ref ref;
	long error = emul_fd_get((int)frame->rdi, &ref);
	if (error < 0)
		return error;
	error = ref.entry.kind == EMUL_FD_PORT ? copy_linux_statfs(ref.entry.port, frame->rsi)
	                                       : -LINUX_ENOSYS;
	emul_fd_put(&ref);
	return error;
}
