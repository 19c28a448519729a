/* The start of an image that an execve made: the umask, the blocked and the
 * ignored signals and the console descriptors from exec_exec's ints (the
 * start block), and the pipe server from our own init port slot. Handled
 * signals are not passed: they start at their default action (POSIX). */
#include <mach.h>
#include <hurd/hurd_types.h>
#include "emul.h"
#include "execve.h"
#include "files.h"
#include "linux_abi.h"
#include "signal_abi.h"
#include "signal_internal.h"

static uint64_t signal_set(const struct emul_start_block *block, int low, int high)
{
	uint64_t set = (uint32_t)block->ints[low];
	if (block->int_count > (uint32_t)high)
		set |= (uint64_t)(uint32_t)block->ints[high] << 32;
	/* SIGKILL and SIGSTOP can be neither blocked nor ignored. */
	return set & ~((1ull << (LINUX_SIGKILL - 1)) | (1ull << (LINUX_SIGSTOP - 1)));
}

static void inherit_signals(const struct emul_start_block *block)
{
	if (block->int_count > INIT_SIGMASK)
		emul_thread_self()->signal_mask =
		    signal_set(block, INIT_SIGMASK, EMUL_INIT_INT_SIGMASK_HIGH);
	if (block->int_count <= INIT_SIGIGN)
		return;
	uint64_t ignored = signal_set(block, INIT_SIGIGN, EMUL_INIT_INT_SIGIGN_HIGH);
	struct linux_sigaction ignore = {.handler = LINUX_SIG_IGN};
	for (int signal = 1; signal <= LINUX_SIGNALS; signal++)
		if (ignored & (1ull << (signal - 1)))
			(void)emul_signal_set_action(signal, &ignore);
}

static void inherit_console(uint32_t console)
{
	emul_lock(&emul_files.lock);
	for (int fd = 0; fd < 32; fd++) {
		if (!(console & (1u << fd)) || emul_files.fds[fd].kind != EMUL_FD_FREE)
			continue;
		emul_files.fds[fd] = (struct emul_fd){
		    .kind = EMUL_FD_CONSOLE, .open_modes = fd == 0 ? HURD_O_READ : HURD_O_WRITE};
	}
	emul_unlock(&emul_files.lock);
}

void emul_execve_inherit(const struct emul_start_block *block)
{
	if (block->int_count > INIT_UMASK)
		emul_files.umask = (uint32_t)block->ints[INIT_UMASK] & 0777;
	inherit_signals(block);
	if (block->int_count > EMUL_INIT_INT_CONSOLE_FDS)
		inherit_console((uint32_t)block->ints[EMUL_INIT_INT_CONSOLE_FDS]);
	mach_port_t pipe = emul_process.init_ports[EMUL_INIT_PORT_PIPE];
	if (!MACH_PORT_VALID(emul_files.pipe_server) && MACH_PORT_VALID(pipe)) {
		emul_port_add_ref(pipe);
		emul_files.pipe_server = pipe;
	}
}
