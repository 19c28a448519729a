/* dup, dup2, dup3, fcntl and ioctl: descriptors share their port (and so the
 * open's file pointer); close-on-exec is per descriptor; the status flags
 * O_APPEND/O_NONBLOCK go to the server with io_set_all_openmodes. */
#include <mach.h>
#include <timed_io.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"
#include "term_ioctl.h"

/* A copy of fd's entry (with its own reference) at the lowest free
 * descriptor >= minimum, or exactly at target when target >= 0. */
static long duplicate(int fd, int minimum, int target, int cloexec)
{
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	struct emul_fd entry = ref.entry;
	entry.cloexec = cloexec;
	/* The borrow's reference moves into the new entry. */
	if (target >= 0)
		return emul_fd_install_at(&entry, target);
	return emul_fd_install(&entry, minimum);
}

long emul_sys_dup(struct emul_frame *frame)
{
	return duplicate((int)frame->rdi, 0, -1, 0);
}

static long dup_to(int fd, int target, uint64_t flags)
{
	if (target < 0 || target >= EMUL_FD_MAX)
		return -LINUX_EBADF;
	return duplicate(fd, 0, target, (flags & LINUX_O_CLOEXEC) != 0);
}

long emul_sys_dup2(struct emul_frame *frame)
{
	int fd = (int)frame->rdi, target = (int)frame->rsi;
	if (fd == target) {
		struct emul_fd_ref ref;
		long result = emul_fd_get(fd, &ref);
		if (result < 0)
			return result;
		emul_fd_put(&ref);
		return fd;
	}
	return dup_to(fd, target, 0);
}

long emul_sys_dup3(struct emul_frame *frame)
{
	int fd = (int)frame->rdi, target = (int)frame->rsi;
	uint64_t flags = frame->rdx;
	if (fd == target || (flags & ~(uint64_t)LINUX_O_CLOEXEC))
		return -LINUX_EINVAL;
	return dup_to(fd, target, flags);
}

/* The Linux status flags of an entry. */
static long linux_status_flags(const struct emul_fd *entry)
{
	long flags = 0;
	if (entry->path_only)
		return LINUX_O_PATH;
	if ((entry->open_modes & HURD_O_RDWR) == HURD_O_RDWR)
		flags = LINUX_O_RDWR;
	else if (entry->open_modes & HURD_O_WRITE)
		flags = LINUX_O_WRONLY;
	if (entry->open_modes & HURD_O_APPEND)
		flags |= LINUX_O_APPEND;
	if (entry->open_modes & HURD_O_NONBLOCK)
		flags |= LINUX_O_NONBLOCK;
	if (entry->open_modes & HURD_O_FSYNC)
		flags |= LINUX_O_DSYNC;
	if (entry->open_modes & HURD_O_NOATIME)
		flags |= LINUX_O_NOATIME;
	return flags;
}

/* Changes fd's settable modes to modes (HURD_O_SETTABLE_MODES bits). */
static long set_status_modes(int fd, int modes)
{
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	if (ref.entry.kind == EMUL_FD_PORT && !ref.entry.path_only) {
		kern_return_t answer =
		    timed_io_set_all_openmodes(ref.entry.port, EMUL_FILE_RPC_MS, modes);
		if (answer != KERN_SUCCESS && answer != LINUX_EOPNOTSUPP) {
			emul_fd_put(&ref);
			return emul_rpc_errno(answer);
		}
	}
	emul_lock(&emul_files.lock);
	struct emul_fd *entry = &emul_files.fds[fd];
	if (entry->kind == ref.entry.kind && entry->port == ref.entry.port)
		entry->open_modes = (entry->open_modes & ~HURD_O_SETTABLE_MODES) | modes;
	emul_unlock(&emul_files.lock);
	emul_fd_put(&ref);
	return 0;
}

long emul_sys_fcntl(struct emul_frame *frame)
{
	int fd = (int)frame->rdi;
	uint64_t command = frame->rsi, argument = frame->rdx;
	struct emul_fd_ref ref;
	long result;
	switch (command) {
	case LINUX_F_DUPFD:
	case LINUX_F_DUPFD_CLOEXEC:
		if ((int64_t)argument < 0 || argument >= EMUL_FD_MAX)
			return -LINUX_EINVAL;
		return duplicate(fd, (int)argument, -1, command == LINUX_F_DUPFD_CLOEXEC);
	case LINUX_F_GETFD:
	case LINUX_F_GETFL:
		result = emul_fd_get(fd, &ref);
		if (result < 0)
			return result;
		result = command == LINUX_F_GETFD ? (ref.entry.cloexec ? LINUX_FD_CLOEXEC : 0)
		                                  : linux_status_flags(&ref.entry);
		emul_fd_put(&ref);
		return result;
	case LINUX_F_SETFD:
		result = emul_fd_get(fd, &ref);
		if (result < 0)
			return result;
		emul_lock(&emul_files.lock);
		emul_files.fds[fd].cloexec = (argument & LINUX_FD_CLOEXEC) != 0;
		emul_unlock(&emul_files.lock);
		emul_fd_put(&ref);
		return 0;
	case LINUX_F_SETFL: {
		int modes = 0;
		if (argument & LINUX_O_APPEND)
			modes |= HURD_O_APPEND;
		if (argument & LINUX_O_NONBLOCK)
			modes |= HURD_O_NONBLOCK;
		if (argument & LINUX_O_NOATIME)
			modes |= HURD_O_NOATIME;
		if (argument & LINUX_O_ASYNC)
			return -LINUX_EINVAL; /* no signals to send yet */
		return set_status_modes(fd, modes);
	}
	case LINUX_F_GETLK:
	case LINUX_F_SETLK:
	case LINUX_F_SETLKW:
		/* No record locks yet: every lock is granted (one process). */
		result = emul_fd_get(fd, &ref);
		if (result < 0)
			return result;
		emul_fd_put(&ref);
		if (command == LINUX_F_GETLK) {
			/* l_type (a short at offset 0) = F_UNLCK (2). */
			int16_t unlocked = 2;
			return emul_copy_to_user(argument, &unlocked, sizeof(unlocked));
		}
		return 0;
	default:
		result = emul_fd_get(fd, &ref);
		if (result < 0)
			return result;
		emul_fd_put(&ref);
		return -LINUX_EINVAL;
	}
}

long emul_sys_ioctl(struct emul_frame *frame)
{
	int fd = (int)frame->rdi;
	uint64_t request = frame->rsi, argument = frame->rdx;
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	switch (request) {
	case LINUX_FIONBIO: {
		int32_t on = 0;
		result = emul_copy_from_user(&on, argument, sizeof(on));
		if (result < 0)
			break;
		int modes = ref.entry.open_modes & HURD_O_SETTABLE_MODES;
		modes = on ? (modes | HURD_O_NONBLOCK) : (modes & ~HURD_O_NONBLOCK);
		result = set_status_modes(fd, modes);
		break;
	}
	case LINUX_FIONREAD: {
		int32_t amount = 0;
		if (ref.entry.kind == EMUL_FD_PORT) {
			vm_size_t readable = 0;
			kern_return_t answer =
			    timed_io_readable(ref.entry.port, EMUL_FILE_RPC_MS, &readable);
			if (answer != KERN_SUCCESS) {
				result = answer == LINUX_EOPNOTSUPP ? -LINUX_ENOTTY
				                                    : emul_rpc_errno(answer);
				break;
			}
			amount = readable > 0x7fffffff ? 0x7fffffff : (int32_t)readable;
		}
		result = emul_copy_to_user(argument, &amount, sizeof(amount));
		break;
	}
	default:
		/* termios, window sizes, the foreground group (term_ioctl.c). */
		result = emul_term_ioctl(&ref.entry, request, argument);
		break;
	}
	emul_fd_put(&ref);
	return result;
}
