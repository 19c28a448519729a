/* openat, open, creat, close and umask: Linux open flags become HURD_O_*
 * for dir_lookup through lib/lookup, the port goes into the descriptor
 * table with its open modes and close-on-exec. */
#include <mach.h>
#include <timed_io.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

/* The HURD_O_* flags of a Linux open. */
static int hurd_open_flags(uint64_t flags)
{
	int hurd = 0;
	if (!(flags & LINUX_O_PATH)) {
		switch (flags & LINUX_O_ACCMODE) {
		case LINUX_O_RDONLY:
			hurd |= HURD_O_READ;
			break;
		case LINUX_O_WRONLY:
			hurd |= HURD_O_WRITE;
			break;
		default:
			hurd |= HURD_O_RDWR;
			break;
		}
		if (flags & LINUX_O_CREAT)
			hurd |= HURD_O_CREAT;
		if (flags & LINUX_O_EXCL)
			hurd |= HURD_O_EXCL;
		if (flags & LINUX_O_TRUNC)
			hurd |= HURD_O_TRUNC;
		if (flags & LINUX_O_APPEND)
			hurd |= HURD_O_APPEND;
		if (flags & LINUX_O_NONBLOCK)
			hurd |= HURD_O_NONBLOCK;
		if (flags & LINUX_O_NOATIME)
			hurd |= HURD_O_NOATIME;
		if (flags & LINUX_O_NOCTTY)
			hurd |= HURD_O_NOCTTY;
		if (flags & LINUX_O_DSYNC)
			hurd |= HURD_O_FSYNC;
	}
	if (flags & LINUX_O_DIRECTORY)
		hurd |= HURD_O_DIRECTORY;
	if (flags & LINUX_O_NOFOLLOW)
		hurd |= HURD_O_NOLINK;
	return hurd;
}

/* O_NOFOLLOW found a symbolic link: Linux says ELOOP (O_PATH may keep it). */
static long refuse_symlink(mach_port_t port)
{
	io_statbuf_t status;
	kern_return_t result = timed_io_stat(port, EMUL_FILE_RPC_MS, &status);
	if (result != KERN_SUCCESS)
		return emul_rpc_errno(result);
	return (status.mode & LINUX_S_IFMT) == LINUX_S_IFLNK ? -LINUX_ELOOP : 0;
}

static long open_at(int dirfd, uint64_t path_address, uint64_t flags, uint32_t mode)
{
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(path_address, path, 0);
	if (error < 0)
		return error;
	if ((flags & LINUX_O_TMPFILE) == LINUX_O_TMPFILE)
		return -LINUX_EOPNOTSUPP;
	if (!emul_have_file_system())
		return -LINUX_ENOENT;
	int hurd_flags = hurd_open_flags(flags);
	mach_port_t port = MACH_PORT_NULL;
	error =
	    emul_path_lookup(dirfd, path, hurd_flags, (mode & 07777) & ~emul_files.umask, &port);
	if (error < 0)
		return error;
	if ((flags & LINUX_O_NOFOLLOW) && !(flags & LINUX_O_PATH)) {
		error = refuse_symlink(port);
		if (error < 0) {
			emul_port_release(port);
			return error;
		}
	}
	struct emul_fd entry = {
	    .kind = EMUL_FD_PORT,
	    .port = port,
	    .open_modes = hurd_flags & (HURD_O_ACCMODE | HURD_O_SETTABLE_MODES),
	    .cloexec = (flags & LINUX_O_CLOEXEC) != 0,
	    .path_only = (flags & LINUX_O_PATH) != 0,
	};
	return emul_fd_install(&entry, 0);
}

long emul_sys_openat(struct emul_frame *frame)
{
	return open_at((int)frame->rdi, frame->rsi, frame->rdx, (uint32_t)frame->r10);
}

long emul_sys_open(struct emul_frame *frame)
{
	return open_at(LINUX_AT_FDCWD, frame->rdi, frame->rsi, (uint32_t)frame->rdx);
}

long emul_sys_creat(struct emul_frame *frame)
{
	return open_at(LINUX_AT_FDCWD, frame->rdi, LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC,
	               (uint32_t)frame->rsi);
}

long emul_sys_close(struct emul_frame *frame)
{
	return emul_fd_close((int)frame->rdi);
}

long emul_sys_umask(struct emul_frame *frame)
{
	emul_lock(&emul_files.lock);
	uint32_t old = emul_files.umask;
	emul_files.umask = (uint32_t)frame->rdi & 0777;
	emul_unlock(&emul_files.lock);
	return old;
}
