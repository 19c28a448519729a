/* A file's attributes and data on the store: fchmodat/fchmod/chmod,
 * fchownat/fchown/chown/lchown, utimensat, ftruncate/truncate, fsync,
 * fdatasync, faccessat/faccessat2/access (file_* RPCs, timed). */
#include <mach.h>
#include <timed_fs.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

/* The port a call names: fd's with an empty path (AT_EMPTY_PATH) or a NULL
 * path (utimensat), else the path from dirfd. A reference the caller releases. */
static long target_port(int dirfd, uint64_t path_address, uint64_t at_flags, int null_is_fd,
                        mach_port_t *port)
{
	if (path_address == 0 && null_is_fd)
		goto descriptor;
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(path_address, path, 1);
	if (error < 0)
		return error;
	if (path[0] != '\0')
		return emul_path_lookup(dirfd, path,
		                        (at_flags & LINUX_AT_SYMLINK_NOFOLLOW) ? HURD_O_NOLINK : 0,
		                        0, port);
	if (!(at_flags & LINUX_AT_EMPTY_PATH))
		return -LINUX_ENOENT;
descriptor:;
	struct emul_fd_ref ref;
	if (dirfd == LINUX_AT_FDCWD)
		return emul_dirfd_port(dirfd, port);
	error = emul_fd_get(dirfd, &ref);
	if (error < 0)
		return error;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_EOPNOTSUPP; /* the console has no attributes to change */
	}
	*port = ref.entry.port;
	return 0;
}

static long fd_port(int fd, mach_port_t *port)
{
	return target_port(fd, 0, 0, 1, port);
}

static long chmod_port(long error, mach_port_t port, uint32_t mode)
{
	if (error < 0)
		return error;
	kern_return_t answer = timed_file_chmod(port, EMUL_FILE_RPC_MS, mode & 07777);
	emul_port_release(port);
	return emul_rpc_errno(answer);
}

long emul_sys_fchmodat(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port((int)frame->rdi, frame->rsi, 0, 0, &port);
	return chmod_port(error, port, (uint32_t)frame->rdx);
}

long emul_sys_chmod(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port(LINUX_AT_FDCWD, frame->rdi, 0, 0, &port);
	return chmod_port(error, port, (uint32_t)frame->rsi);
}

long emul_sys_fchmod(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = fd_port((int)frame->rdi, &port);
	return chmod_port(error, port, (uint32_t)frame->rsi);
}

static long chown_port(long error, mach_port_t port, uint64_t owner, uint64_t group)
{
	if (error < 0)
		return error;
	kern_return_t answer =
	    timed_file_chown(port, EMUL_FILE_RPC_MS, (hurd_uid_t)owner, (hurd_gid_t)group);
	emul_port_release(port);
	return emul_rpc_errno(answer);
}

long emul_sys_fchownat(struct emul_frame *frame)
{
	if (frame->r8 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port((int)frame->rdi, frame->rsi, frame->r8, 0, &port);
	return chown_port(error, port, frame->rdx, frame->r10);
}

long emul_sys_chown(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port(LINUX_AT_FDCWD, frame->rdi, 0, 0, &port);
	return chown_port(error, port, frame->rsi, frame->rdx);
}

long emul_sys_lchown(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port(LINUX_AT_FDCWD, frame->rdi, LINUX_AT_SYMLINK_NOFOLLOW, 0, &port);
	return chown_port(error, port, frame->rsi, frame->rdx);
}

long emul_sys_fchown(struct emul_frame *frame)
{
	mach_port_t port = MACH_PORT_NULL;
	long error = fd_port((int)frame->rdi, &port);
	return chown_port(error, port, frame->rsi, frame->rdx);
}

long emul_sys_utimensat(struct emul_frame *frame)
{
	int dirfd = (int)frame->rdi;
	uint64_t path = frame->rsi, times_address = frame->rdx, flags = frame->r10;
	if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	struct linux_timespec times[2] = {{0, LINUX_UTIME_NOW}, {0, LINUX_UTIME_NOW}};
	if (times_address) {
		long error = emul_copy_from_user(times, times_address, sizeof(times));
		if (error < 0)
			return error;
		for (int i = 0; i < 2; i++)
			if (times[i].nanoseconds != LINUX_UTIME_NOW &&
			    times[i].nanoseconds != LINUX_UTIME_OMIT &&
			    (times[i].nanoseconds < 0 || times[i].nanoseconds > 999999999))
				return -LINUX_EINVAL;
	}
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port(dirfd, path, flags, 1, &port);
	if (error < 0)
		return error;
	time_spec_t access = {times[0].seconds, times[0].nanoseconds};
	time_spec_t modify = {times[1].seconds, times[1].nanoseconds};
	kern_return_t answer = timed_file_utimens(port, EMUL_FILE_RPC_MS, access, modify);
	emul_port_release(port);
	return emul_rpc_errno(answer);
}

static long set_size(long error, mach_port_t port, int64_t size)
{
	if (error < 0)
		return error;
	kern_return_t answer =
	    size < 0 ? LINUX_EINVAL : timed_file_set_size(port, EMUL_FILE_RPC_MS, size);
	emul_port_release(port);
	return emul_rpc_errno(answer);
}

long emul_sys_ftruncate(struct emul_frame *frame)
{
	struct emul_fd_ref ref;
	long error = emul_fd_get((int)frame->rdi, &ref);
	if (error < 0)
		return error;
	if (ref.entry.kind != EMUL_FD_PORT || !(ref.entry.open_modes & HURD_O_WRITE)) {
		emul_fd_put(&ref);
		return -LINUX_EINVAL;
	}
	return set_size(0, ref.entry.port, (int64_t)frame->rsi);
}

long emul_sys_truncate(struct emul_frame *frame)
{
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(frame->rdi, path, 0);
	if (error < 0)
		return error;
	mach_port_t port = MACH_PORT_NULL;
	error = emul_path_lookup(LINUX_AT_FDCWD, path, HURD_O_WRITE, 0, &port);
	return set_size(error, port, (int64_t)frame->rsi);
}

static long sync_fd(int fd, int omit_metadata)
{
	struct emul_fd_ref ref;
	long error = emul_fd_get(fd, &ref);
	if (error < 0)
		return error;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_EINVAL; /* the console: nothing to sync */
	}
	kern_return_t answer = timed_file_sync(ref.entry.port, EMUL_FILE_RPC_MS, 1, omit_metadata);
	emul_fd_put(&ref);
	return emul_rpc_errno(answer);
}

long emul_sys_fsync(struct emul_frame *frame)
{
	return sync_fd((int)frame->rdi, 0);
}

long emul_sys_fdatasync(struct emul_frame *frame)
{
	return sync_fd((int)frame->rdi, 1);
}

static long access_at(int dirfd, uint64_t path, uint64_t mode, uint64_t flags)
{
	if (mode & ~(uint64_t)(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -LINUX_EINVAL;
	if (flags & ~(uint64_t)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	mach_port_t port = MACH_PORT_NULL;
	long error = target_port(dirfd, path, flags, 0, &port);
	if (error < 0 || mode == 0) {
		emul_port_release(port);
		return error;
	}
	int allowed = 0;
	kern_return_t answer = timed_file_check_access(port, EMUL_FILE_RPC_MS, &allowed);
	emul_port_release(port);
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	int wanted = ((mode & LINUX_R_OK) ? HURD_O_READ : 0) |
	             ((mode & LINUX_W_OK) ? HURD_O_WRITE : 0) |
	             ((mode & LINUX_X_OK) ? HURD_O_EXEC : 0);
	return (allowed & wanted) == wanted ? 0 : -LINUX_EACCES;
}

long emul_sys_faccessat(struct emul_frame *frame)
{
	return access_at((int)frame->rdi, frame->rsi, frame->rdx, 0);
}

long emul_sys_faccessat2(struct emul_frame *frame)
{
	return access_at((int)frame->rdi, frame->rsi, frame->rdx, frame->r10);
}

long emul_sys_access(struct emul_frame *frame)
{
	return access_at(LINUX_AT_FDCWD, frame->rdi, frame->rsi, 0);
}
