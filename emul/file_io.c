/* read, write, pread64, pwrite64, readv, writev and lseek on descriptors:
 * io_read/io_write/io_seek on a port (timed; a signal interrupts those that
 * may wait, pipes and terminals, through their server: interrupt_operation),
 * the boot console for the console descriptors (writes print, reads are end
 * of input). */
#include <mach.h>
#include <intr_io.h>
#include <timed_io.h>
#include "ctty.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "signal_internal.h"
#include "signal_wait.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define IO_CHUNK (1u << 20) /* bytes asked or sent per RPC */

/* An EINTR answer with no signal of ours to take came from an interrupt that
 * was not ours (a port shared across fork): the call is made again. */
static bool foreign_eintr(kern_return_t result, unsigned *seen)
{
	return result == LINUX_EINTR && !emul_signal_interrupts() &&
	       ++*seen <= EMUL_SIGNAL_FOREIGN_EINTRS;
}

/* io_read that may wait (a pipe, a terminal): a signal makes the server answer
 * it now (interrupt_operation: EINTR, or the data it has), so no answer is
 * lost; only a server that cannot has the wait aborted. */
static kern_return_t waiting_read(mach_port_t port, char **data, mach_msg_type_number_t *received,
                                  int64_t at, uint64_t asked)
{
	mach_msg_type_number_t room = *received;
	kern_return_t result;
	unsigned foreign = 0;
	do {
		if (!emul_signal_rpc_begin(port, true))
			return MACH_RCV_INTERRUPTED; /* a signal came first */
		*received = room;
		result = intr_io_read(port, EMUL_WAITING_IO_MS, data, received, at, asked);
		emul_signal_rpc_end();
	} while (foreign_eintr(result, &foreign));
	return result;
}

/* io_write that may wait: the same, but never aborted (the server may have
 * done it: its answer, the count, must come back, or SA_RESTART would write
 * twice); a server that cannot interrupt it finishes it. */
static kern_return_t waiting_write(mach_port_t port, const char *bytes,
                                   mach_msg_type_number_t count, int64_t at, vm_size_t *written)
{
	kern_return_t result;
	unsigned foreign = 0;
	do {
		if (!emul_signal_rpc_begin(port, false))
			return MACH_RCV_INTERRUPTED; /* a signal came first */
		result = intr_io_write(port, EMUL_WAITING_IO_MS, bytes, count, at, written);
		emul_signal_rpc_end();
	} while (foreign_eintr(result, &foreign));
	return result;
}

/* Reads at most count bytes into the program's buffer at offset (-1: the file
 * pointer): the number read or -errno. buffer is already checked. */
static long port_read(mach_port_t port, uint64_t buffer, uint64_t count, int64_t offset,
                      unsigned timeout_ms)
{
	uint64_t total = 0;
	while (total < count) {
		uint64_t asked = count - total < IO_CHUNK ? count - total : IO_CHUNK;
		char *data = (char *)(buffer + total);
		mach_msg_type_number_t received = (mach_msg_type_number_t)asked;
		int64_t at = offset < 0 ? -1 : offset + (int64_t)total;
		kern_return_t result;
		if (timeout_ms != EMUL_WAITING_IO_MS)
			result = timed_io_read(port, timeout_ms, &data, &received, at, asked);
		else
			result = waiting_read(port, &data, &received, at, asked);
		if (result != KERN_SUCCESS)
			return total > 0 ? (long)total : emul_rpc_errno(result);
		if (data != (char *)(buffer + total)) {
			/* Out of line: copy what fits and give the memory back. */
			uint64_t usable = received < asked ? received : asked;
			memcpy((char *)(buffer + total), data, usable);
			(void)vm_deallocate(mach_task_self(), (vm_address_t)data, received);
			received = (mach_msg_type_number_t)usable;
		}
		total += received;
		/* A short answer is the end; a pipe's answer is all there is now. */
		if (received < asked || timeout_ms == EMUL_WAITING_IO_MS)
			break;
	}
	return (long)total;
}

static long port_write(mach_port_t port, uint64_t buffer, uint64_t count, int64_t offset,
                       unsigned timeout_ms)
{
	uint64_t total = 0;
	while (total < count) {
		uint64_t chunk = count - total < IO_CHUNK ? count - total : IO_CHUNK;
		vm_size_t written = 0;
		const char *bytes = (const char *)(buffer + total);
		int64_t at = offset < 0 ? -1 : offset + (int64_t)total;
		kern_return_t result =
		    timeout_ms != EMUL_WAITING_IO_MS
		        ? timed_io_write(port, timeout_ms, bytes, (mach_msg_type_number_t)chunk, at,
		                         &written)
		        : waiting_write(port, bytes, (mach_msg_type_number_t)chunk, at, &written);
		if (result != KERN_SUCCESS)
			return total > 0 ? (long)total : emul_rpc_errno(result);
		total += written;
		if (written < chunk)
			break;
	}
	return (long)total;
}

/* One read or write on a borrowed descriptor; offset -1: the file pointer. */
static long transfer(struct emul_fd_ref *ref, int writing, uint64_t buffer, uint64_t count,
                     int64_t offset)
{
	if ((int64_t)count < 0)
		return -LINUX_EINVAL;
	if (ref->entry.path_only)
		return -LINUX_EBADF;
	if (!(ref->entry.open_modes & (writing ? HURD_O_WRITE : HURD_O_READ)))
		return -LINUX_EBADF;
	if (!emul_user_range_ok(buffer, count, writing ? VM_PROT_READ : VM_PROT_WRITE))
		return -LINUX_EFAULT;
	if (ref->entry.kind == EMUL_FD_CONSOLE) {
		if (offset >= 0)
			return -LINUX_ESPIPE;
		if (writing)
			emul_console_write((const char *)buffer, count);
		return writing ? (long)count : 0; /* no console input: end of input */
	}
	if (count == 0)
		return 0;
	if (ref->entry.may_wait) { /* a terminal: the background rule (job control) */
		long refusal = emul_ctty_background_check(
		    ref->entry.port, writing ? EMUL_CTTY_WRITE : EMUL_CTTY_READ);
		if (refusal < 0)
			return refusal;
	}
	unsigned timeout_ms = ref->entry.may_wait ? EMUL_WAITING_IO_MS : EMUL_FILE_RPC_MS;
	return writing ? port_write(ref->entry.port, buffer, count, offset, timeout_ms)
	               : port_read(ref->entry.port, buffer, count, offset, timeout_ms);
}

static long transfer_fd(int fd, int writing, uint64_t buffer, uint64_t count, int64_t offset)
{
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	result = transfer(&ref, writing, buffer, count, offset);
	emul_fd_put(&ref);
	return result;
}

long emul_sys_read(struct emul_frame *frame)
{
	return transfer_fd((int)frame->rdi, 0, frame->rsi, frame->rdx, -1);
}

long emul_sys_write(struct emul_frame *frame)
{
	return transfer_fd((int)frame->rdi, 1, frame->rsi, frame->rdx, -1);
}

long emul_sys_pread64(struct emul_frame *frame)
{
	if ((int64_t)frame->r10 < 0)
		return -LINUX_EINVAL;
	return transfer_fd((int)frame->rdi, 0, frame->rsi, frame->rdx, (int64_t)frame->r10);
}

long emul_sys_pwrite64(struct emul_frame *frame)
{
	if ((int64_t)frame->r10 < 0)
		return -LINUX_EINVAL;
	return transfer_fd((int)frame->rdi, 1, frame->rsi, frame->rdx, (int64_t)frame->r10);
}

static long transfer_vector(int fd, int writing, uint64_t vector, uint64_t count)
{
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
		if (!emul_user_range_ok(iov[i].base, iov[i].length,
		                        writing ? VM_PROT_READ : VM_PROT_WRITE))
			return -LINUX_EFAULT;
	}
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	long done = 0;
	for (uint64_t i = 0; i < count; i++) {
		result = transfer(&ref, writing, iov[i].base, iov[i].length, -1);
		if (result < 0) {
			if (done == 0)
				done = result;
			break;
		}
		done += result;
		if ((uint64_t)result < iov[i].length)
			break;
	}
	if (count == 0)
		done = transfer(&ref, writing, 0, 0, -1);
	emul_fd_put(&ref);
	return done;
}

long emul_sys_readv(struct emul_frame *frame)
{
	return transfer_vector((int)frame->rdi, 0, frame->rsi, frame->rdx);
}

long emul_sys_writev(struct emul_frame *frame)
{
	return transfer_vector((int)frame->rdi, 1, frame->rsi, frame->rdx);
}

long emul_sys_lseek(struct emul_frame *frame)
{
	int fd = (int)frame->rdi;
	int64_t offset = (int64_t)frame->rsi;
	int whence = (int)frame->rdx;
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_END)
		return -LINUX_EINVAL;
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	if (ref.entry.kind == EMUL_FD_CONSOLE) {
		emul_fd_put(&ref);
		return -LINUX_ESPIPE;
	}
	hurd_off_t position = 0;
	kern_return_t answer =
	    timed_io_seek(ref.entry.port, EMUL_FILE_RPC_MS, offset, whence, &position);
	if (answer == KERN_SUCCESS) {
		result = position;
		if (whence == LINUX_SEEK_SET)
			emul_fd_set_dir_entry(fd, ref.entry.port, (uint64_t)offset);
	} else if (answer == LINUX_EISDIR && whence == LINUX_SEEK_SET && offset >= 0) {
		/* A directory: the position is getdents64's entry number. */
		emul_fd_set_dir_entry(fd, ref.entry.port, (uint64_t)offset);
		result = offset;
	} else {
		result = emul_rpc_errno(answer);
	}
	emul_fd_put(&ref);
	return result;
}
