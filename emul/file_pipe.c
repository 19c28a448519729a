/* pipe2 and pipe on the pipe server (servers/pipe: "pipe" in the boot
 * runner's registry, else the node /servers/pipe): pipe_create gives the two
 * ends, each an io port; their reads and writes may wait for the other end
 * (no 10 s timeout). */
#include <mach.h>
#include <timed_pipe.h>
#include "files.h"
#include "files_syscalls.h"
#include "linux_abi.h"
#include "linux_files_abi.h"

/* The pipe server with a reference of the caller's: the registry's, or the
 * port a lookup of /servers/pipe gives (kept for the next pipe). */
static mach_port_t pipe_server(void)
{
	emul_lock(&emul_files.lock);
	mach_port_t server = emul_files.pipe_server;
	emul_port_add_ref(server);
	emul_unlock(&emul_files.lock);
	if (MACH_PORT_VALID(server) || !emul_have_file_system())
		return server;
	if (emul_path_lookup(LINUX_AT_FDCWD, "/servers/pipe", 0, 0, &server) < 0)
		return MACH_PORT_NULL;
	emul_lock(&emul_files.lock);
	if (!MACH_PORT_VALID(emul_files.pipe_server)) {
		emul_port_add_ref(server);
		emul_files.pipe_server = server;
	}
	emul_unlock(&emul_files.lock);
	return server;
}

/* A server found dead is forgotten: the next pipe looks it up again. */
static void forget_pipe_server(mach_port_t server)
{
	emul_lock(&emul_files.lock);
	int forget = emul_files.pipe_server == server;
	if (forget)
		emul_files.pipe_server = MACH_PORT_NULL;
	emul_unlock(&emul_files.lock);
	if (forget)
		emul_port_release(server);
}

static long make_pipe(uint64_t fds_address, uint64_t flags)
{
	if (flags & ~(uint64_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK))
		return -LINUX_EINVAL; /* O_DIRECT (packets) and others: not offered */
	if (!emul_user_range_ok(fds_address, 2 * sizeof(int32_t), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	mach_port_t server = pipe_server();
	if (!MACH_PORT_VALID(server))
		return -LINUX_ENOSYS; /* no pipe server, by registry or by path */
	int pipe_flags = (flags & LINUX_O_NONBLOCK) ? PIPE_READ_NONBLOCK | PIPE_WRITE_NONBLOCK : 0;
	mach_port_t read_end = MACH_PORT_NULL, write_end = MACH_PORT_NULL;
	kern_return_t answer =
	    timed_pipe_create(server, EMUL_FILE_RPC_MS, pipe_flags, &read_end, &write_end);
	if (answer == MACH_SEND_INVALID_DEST || answer == MIG_SERVER_DIED)
		forget_pipe_server(server);
	emul_port_release(server);
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	int nonblock = (flags & LINUX_O_NONBLOCK) ? HURD_O_NONBLOCK : 0;
	int cloexec = (flags & LINUX_O_CLOEXEC) != 0;
	struct emul_fd reader = {.kind = EMUL_FD_PORT,
	                         .port = read_end,
	                         .open_modes = HURD_O_READ | nonblock,
	                         .cloexec = cloexec,
	                         .may_wait = 1};
	struct emul_fd writer = reader;
	writer.port = write_end;
	writer.open_modes = HURD_O_WRITE | nonblock;
	long read_fd = emul_fd_install(&reader, 0);
	if (read_fd < 0) {
		emul_port_release(write_end);
		return read_fd;
	}
	long write_fd = emul_fd_install(&writer, 0);
	if (write_fd < 0) {
		(void)emul_fd_close((int)read_fd);
		return write_fd;
	}
	int32_t fds[2] = {(int32_t)read_fd, (int32_t)write_fd};
	long error = emul_copy_to_user(fds_address, fds, sizeof(fds));
	if (error < 0) {
		(void)emul_fd_close((int)read_fd);
		(void)emul_fd_close((int)write_fd);
	}
	return error;
}

long emul_sys_pipe2(struct emul_frame *frame)
{
	return make_pipe(frame->rdi, frame->rsi);
}

long emul_sys_pipe(struct emul_frame *frame)
{
	return make_pipe(frame->rdi, 0);
}
