/* What a new image inherits through exec_exec: the descriptors without
 * FD_CLOEXEC, the init ports (root, cwd, auth, proc, terminal, bootstrap, and
 * the exec and pipe servers in slots of our own), and the ints (umask,
 * blocked and ignored signals, console descriptors); and where the exec
 * server is. */
#include <mach.h>
#include <hurd/hurd_types.h>
#include "ctty.h"
#include "emul.h"
#include "execve.h"
#include "fork.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "process_identity.h"
#include "signal_abi.h"
#include "signal_internal.h"
#include "lib/kstring.h"

static emul_lock_t exec_server_lock;
static mach_port_t exec_server_port; /* found once, kept */

static mach_port_t find_exec_server(void)
{
	mach_port_t given = emul_process.init_ports[EMUL_INIT_PORT_EXEC];
	mach_port_type_t type = 0;
	if (MACH_PORT_VALID(given) &&
	    mach_port_type(mach_task_self(), given, &type) == KERN_SUCCESS &&
	    (type & MACH_PORT_TYPE_SEND)) {
		emul_port_add_ref(given);
		return given;
	}
	/* The boot runner's registry: a plain boot module (no init ports), or a
	 * starter that said its bootstrap port is the registry. */
	if ((emul_process.start_flags & EMUL_START_BOOTSTRAP_IS_REGISTRY) ||
	    emul_process.init_ports[INIT_PORT_CRDIR] == MACH_PORT_NULL) {
		mach_port_t port = emul_registry_lookup("exec");
		if (MACH_PORT_VALID(port))
			return port;
	}
	mach_port_t port = MACH_PORT_NULL;
	if (emul_path_lookup(LINUX_AT_FDCWD, "/servers/exec", 0, 0, &port) < 0)
		return MACH_PORT_NULL;
	return port;
}

mach_port_t emul_exec_server(void)
{
	emul_lock(&exec_server_lock);
	mach_port_t port = exec_server_port;
	mach_port_type_t type = 0;
	if (MACH_PORT_VALID(port) &&
	    (mach_port_type(mach_task_self(), port, &type) != KERN_SUCCESS ||
	     !(type & MACH_PORT_TYPE_SEND))) {
		emul_port_release(port); /* exec died: look again */
		port = MACH_PORT_NULL;
	}
	if (!MACH_PORT_VALID(port))
		port = find_exec_server();
	exec_server_port = port;
	emul_port_add_ref(port);
	emul_unlock(&exec_server_lock);
	return port;
}

/* A send right of ours with one more reference, or null. */
static mach_port_t referenced(mach_port_t port)
{
	if (!MACH_PORT_VALID(port) ||
	    mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return port;
}

static void collect_fds(struct emul_exec_state *state)
{
	uint32_t console = 0;
	emul_lock(&emul_files.lock);
	for (int fd = 0; fd < EMUL_FDS_MAX; fd++) {
		const struct emul_fd *entry = &emul_files.fds[fd];
		state->fds[fd] = MACH_PORT_NULL;
		if (entry->kind == EMUL_FD_FREE || entry->cloexec)
			continue;
		if (entry->kind == EMUL_FD_CONSOLE && fd < 32)
			console |= 1u << fd;
		else if (entry->kind == EMUL_FD_PORT)
			state->fds[fd] = referenced(entry->port);
		if (MACH_PORT_VALID(state->fds[fd]) || (console & (1u << fd)))
			state->fd_count = (unsigned)fd + 1;
	}
	/* Descriptors from EMUL_FDS_MAX up are not passed: closed in the new image. */
	emul_unlock(&emul_files.lock);
	state->ints[EMUL_INIT_INT_CONSOLE_FDS] = (int32_t)console;
	state->ints[EMUL_INIT_INT_FLAGS] = emul_fork_is_child() ? EMUL_INIT_FLAG_FORKED : 0;
}

static void collect_ports(struct emul_exec_state *state, mach_port_t exec_server)
{
	emul_lock(&emul_files.lock);
	state->ports[INIT_PORT_CWDIR] = referenced(emul_files.cwd);
	state->ports[INIT_PORT_CRDIR] = referenced(emul_files.root);
	state->ports[INIT_PORT_AUTH] = referenced(emul_files.auth);
	state->ports[EMUL_INIT_PORT_PIPE] = referenced(emul_files.pipe_server);
	emul_unlock(&emul_files.lock);
	state->ports[INIT_PORT_PROC] = referenced(emul_process_proc_port());
	state->ports[INIT_PORT_CTTYID] = referenced(emul_ctty_id_port());
	/* Our own bootstrap port: whoever started us still gets the exit status. */
	state->ports[INIT_PORT_BOOTSTRAP] = referenced(emul_process.bootstrap_port);
	state->ports[EMUL_INIT_PORT_EXEC] = referenced(exec_server);
	state->port_count = EMUL_INIT_PORT_PIPE + 1;
}

static void collect_ints(struct emul_exec_state *state)
{
	uint64_t blocked = emul_thread_self()->signal_mask, ignored = 0;
	for (int signal = 1; signal <= LINUX_SIGNALS; signal++)
		if (emul_signal_action(signal).handler == LINUX_SIG_IGN)
			ignored |= 1ull << (signal - 1);
	state->ints[INIT_UMASK] = (int32_t)emul_files.umask;
	state->ints[INIT_SIGMASK] = (int32_t)(uint32_t)blocked;
	state->ints[INIT_SIGIGN] = (int32_t)(uint32_t)ignored;
	state->ints[EMUL_INIT_INT_SIGMASK_HIGH] = (int32_t)(uint32_t)(blocked >> 32);
	state->ints[EMUL_INIT_INT_SIGIGN_HIGH] = (int32_t)(uint32_t)(ignored >> 32);
	char *text = (char *)&state->ints[EMUL_INIT_INT_CWD_FIRST];
	emul_lock(&emul_files.lock);
	size_t length = strnlen(emul_files.cwd_path, HURD_PATH_MAX - 1);
	memcpy(text, emul_files.cwd_path, length);
	emul_unlock(&emul_files.lock);
	text[length] = '\0';
	state->int_count = EMUL_INIT_INT_CWD_FIRST + (unsigned)(length + 1 + 3) / 4;
}

void emul_exec_state_collect(struct emul_exec_state *state, mach_port_t exec_server)
{
	memset(state, 0, sizeof(*state));
	collect_fds(state);
	collect_ports(state, exec_server);
	collect_ints(state);
}

void emul_exec_state_release(struct emul_exec_state *state)
{
	for (unsigned i = 0; i < EMUL_FDS_MAX; i++)
		emul_port_release(state->fds[i]);
	for (unsigned i = 0; i < EMUL_INIT_PORTS_MAX; i++)
		emul_port_release(state->ports[i]);
	memset(state, 0, sizeof(*state));
}
