/* execve (59) and execveat (322): the file looked up and checked (a regular
 * file the caller may execute), argv/envp copied, and exec_exec on the exec
 * server with our own task: on success the whole task is replaced and the
 * call never returns; on failure nothing of ours was touched. */
#include <mach.h>
#include <timed_exec.h>
#include <timed_fs.h>
#include <timed_io.h>
#include "emul.h"
#include "execve.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "linux_thread_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define HURD_S_IFMT  0170000
#define HURD_S_IFREG 0100000
#define HURD_S_IFLNK 0120000

/* The file to run: dirfd and path as execveat takes them. */
static long find_file(int dirfd, const char *path, uint64_t flags, mach_port_t *file)
{
	if (path[0] == '\0') {
		if (!(flags & LINUX_AT_EMPTY_PATH))
			return -LINUX_ENOENT;
		return emul_dirfd_port(dirfd, file); /* the descriptor's own file */
	}
	int lookup_flags = HURD_O_READ | ((flags & LINUX_AT_SYMLINK_NOFOLLOW) ? HURD_O_NOLINK : 0);
	return emul_path_lookup(dirfd, path, lookup_flags, 0, file);
}

/* A regular file with an execute bit the caller is allowed to use. */
static long check_file(mach_port_t file)
{
	struct hurd_stat status;
	kern_return_t result = timed_io_stat(file, EMUL_FILE_RPC_MS, &status);
	if (result != KERN_SUCCESS)
		return emul_rpc_errno(result);
	if ((status.mode & HURD_S_IFMT) == HURD_S_IFLNK)
		return -LINUX_ELOOP; /* AT_SYMLINK_NOFOLLOW on a link */
	if ((status.mode & HURD_S_IFMT) != HURD_S_IFREG || !(status.mode & 0111))
		return -LINUX_EACCES;
	int allowed = 0;
	result = timed_file_check_access(file, EMUL_FILE_RPC_MS, &allowed);
	if (result != KERN_SUCCESS)
		return emul_rpc_errno(result);
	return (allowed & HURD_O_EXEC) ? 0 : -LINUX_EACCES;
}

static long exec_file(mach_port_t file, const char *path, const struct emul_argz *argv,
                      const struct emul_argz *envp)
{
	mach_port_t exec_server = emul_exec_server();
	if (!MACH_PORT_VALID(exec_server))
		return -LINUX_ENOSYS; /* no exec server to be found */
	struct emul_exec_state state;
	emul_exec_state_collect(&state, exec_server);
	kern_return_t result = timed_exec_exec(
	    exec_server, EMUL_EXEC_RPC_MS, file, mach_task_self(), 0, (char *)path, argv->bytes,
	    (mach_msg_type_number_t)argv->length, envp->bytes, (mach_msg_type_number_t)envp->length,
	    state.fds, MACH_MSG_TYPE_COPY_SEND, state.fd_count, state.ports,
	    MACH_MSG_TYPE_COPY_SEND, state.port_count, state.ints, EMUL_INIT_INT_COUNT);
	/* Here only when exec refused (or could not be reached): we go on. */
	emul_exec_state_release(&state);
	emul_port_release(exec_server);
	if (result == KERN_SUCCESS)
		return 0; /* not reached: the task's threads are gone on success */
	return emul_rpc_errno(result);
}

static long do_execve(int dirfd, uint64_t path_address, uint64_t argv_address,
                      uint64_t envp_address, uint64_t flags)
{
	if (flags & ~(uint64_t)(LINUX_AT_EMPTY_PATH | LINUX_AT_SYMLINK_NOFOLLOW))
		return -LINUX_EINVAL;
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(path_address, path, 1);
	if (error < 0)
		return error;
	struct emul_argz argv = {0}, envp = {0};
	error = emul_argz_from_user(argv_address, 0, 0, &argv);
	if (error == 0)
		error = emul_argz_from_user(envp_address, argv.length, argv.words, &envp);
	mach_port_t file = MACH_PORT_NULL;
	if (error == 0)
		error = find_file(dirfd, path, flags, &file);
	if (error == 0)
		error = check_file(file);
	if (error == 0)
		error = exec_file(file, path, &argv, &envp);
	emul_port_release(file);
	emul_argz_free(&argv);
	emul_argz_free(&envp);
	return error;
}

long emul_sys_execve(struct emul_frame *frame)
{
	return do_execve(LINUX_AT_FDCWD, frame->rdi, frame->rsi, frame->rdx, 0);
}

long emul_sys_execveat(struct emul_frame *frame)
{
	return do_execve((int)frame->rdi, frame->rsi, frame->rdx, frame->r10, frame->r8);
}
