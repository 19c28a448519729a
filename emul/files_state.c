/* The emulator's file state: the descriptor table (fds 0-2 start as the boot
 * console), root/cwd/auth from the init ports or the boot runner's registry,
 * and the helpers the file system calls share. */
#include <mach.h>
#include <wildebeest/bootstrap_registry.h>
#include <lookup.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "lib/kstring.h"

struct emul_files emul_files;

void emul_port_release(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port);
}

void emul_port_add_ref(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND, 1);
}

long emul_rpc_errno(kern_return_t result)
{
	return -(long)lookup_rpc_error(result);
}

mach_port_t emul_registry_lookup(const char *name)
{
	mach_port_t bootstrap = emul_process.bootstrap_port;
	if (!MACH_PORT_VALID(bootstrap))
		return MACH_PORT_NULL;
	union {
		struct bootstrap_name_message request;
		struct bootstrap_port_message reply;
	} message;
	memset(&message, 0, sizeof(message));
	mach_port_t reply_port = mig_get_reply_port();
	message.request.header.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	message.request.header.msgh_size = sizeof(message.request);
	message.request.header.msgh_remote_port = bootstrap;
	message.request.header.msgh_local_port = reply_port;
	message.request.header.msgh_id = BOOTSTRAP_LOOKUP_NAMED_ID;
	message.request.name_type = (mach_msg_type_t){.msgt_name = MACH_MSG_TYPE_CHAR,
	                                              .msgt_size = 8,
	                                              .msgt_number = BOOTSTRAP_NAME_MAX,
	                                              .msgt_inline = 1};
	memcpy(message.request.name, name, strnlen(name, BOOTSTRAP_NAME_MAX - 1));
	mach_msg_return_t result = mach_msg(
	    &message.request.header,
	    MACH_SEND_MSG | MACH_SEND_TIMEOUT | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    sizeof(message.request), sizeof(message), reply_port, EMUL_REGISTRY_MS, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS) {
		/* A late answer must not reach a later call on this reply port. */
		if (result == MACH_RCV_TIMED_OUT || result == MACH_RCV_INTERRUPTED)
			mig_dealloc_reply_port(reply_port);
		return MACH_PORT_NULL;
	}
	if (message.reply.header.msgh_id != BOOTSTRAP_LOOKUP_REPLY_ID ||
	    message.reply.header.msgh_size != sizeof(message.reply) ||
	    !MACH_PORT_VALID(message.reply.port))
		return MACH_PORT_NULL;
	return message.reply.port;
}

/* An init port of ours (one more reference, for the file state), or null. */
static mach_port_t init_port(int which)
{
	mach_port_t port = emul_process.init_ports[which];
	if (!MACH_PORT_VALID(port))
		return MACH_PORT_NULL;
	if (mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return port;
}

void emul_files_init(uint32_t init_port_count)
{
	emul_files.umask = 022;
	emul_files.cwd_path[0] = '/';
	for (int fd = 0; fd < 3; fd++)
		emul_files.fds[fd].kind = EMUL_FD_CONSOLE;
	emul_files.fds[0].open_modes = HURD_O_READ;
	emul_files.fds[1].open_modes = HURD_O_WRITE;
	emul_files.fds[2].open_modes = HURD_O_WRITE;

	emul_files.root = init_port(INIT_PORT_CRDIR);
	emul_files.auth = init_port(INIT_PORT_AUTH);
	if (MACH_PORT_VALID(emul_files.root)) {
		emul_files.cwd = init_port(INIT_PORT_CWDIR);
	} else if (init_port_count == 0) {
		/* A plain boot module (the runner gives no init ports): its
		 * registry, while it waits for us. A program started with init
		 * ports but no root (exec_exec's caller chose) does not ask: its
		 * bootstrap port may be anyone's, who would not expect the message. */
		emul_files.root = emul_registry_lookup("root");
		if (MACH_PORT_VALID(emul_files.root) && !MACH_PORT_VALID(emul_files.auth))
			emul_files.auth = emul_registry_lookup("auth");
		emul_files.pipe_server = emul_registry_lookup("pipe");
	}
	if (!MACH_PORT_VALID(emul_files.cwd) && MACH_PORT_VALID(emul_files.root)) {
		emul_port_add_ref(emul_files.root);
		emul_files.cwd = emul_files.root;
	}
}

int emul_have_file_system(void)
{
	return MACH_PORT_VALID(emul_files.root);
}

long emul_fd_get(int fd, struct emul_fd_ref *ref)
{
	if (fd < 0 || fd >= EMUL_FD_MAX)
		return -LINUX_EBADF;
	emul_lock(&emul_files.lock);
	struct emul_fd *entry = &emul_files.fds[fd];
	if (entry->kind == EMUL_FD_FREE) {
		emul_unlock(&emul_files.lock);
		return -LINUX_EBADF;
	}
	ref->entry = *entry;
	ref->fd = fd;
	if (entry->kind == EMUL_FD_PORT)
		emul_port_add_ref(entry->port);
	emul_unlock(&emul_files.lock);
	return 0;
}

void emul_fd_put(struct emul_fd_ref *ref)
{
	if (ref->entry.kind == EMUL_FD_PORT)
		emul_port_release(ref->entry.port);
	ref->entry.kind = EMUL_FD_FREE;
}

long emul_fd_install(const struct emul_fd *entry, int minimum)
{
	if (minimum < 0)
		minimum = 0;
	emul_lock(&emul_files.lock);
	for (int fd = minimum; fd < EMUL_FD_MAX; fd++) {
		if (emul_files.fds[fd].kind == EMUL_FD_FREE) {
			emul_files.fds[fd] = *entry;
			emul_unlock(&emul_files.lock);
			return fd;
		}
	}
	emul_unlock(&emul_files.lock);
	if (entry->kind == EMUL_FD_PORT)
		emul_port_release(entry->port);
	return -LINUX_EMFILE;
}

long emul_fd_install_at(const struct emul_fd *entry, int fd)
{
	if (fd < 0 || fd >= EMUL_FD_MAX) {
		if (entry->kind == EMUL_FD_PORT)
			emul_port_release(entry->port);
		return -LINUX_EBADF;
	}
	emul_lock(&emul_files.lock);
	struct emul_fd old = emul_files.fds[fd];
	emul_files.fds[fd] = *entry;
	emul_unlock(&emul_files.lock);
	if (old.kind == EMUL_FD_PORT)
		emul_port_release(old.port);
	return fd;
}

long emul_fd_close(int fd)
{
	if (fd < 0 || fd >= EMUL_FD_MAX)
		return -LINUX_EBADF;
	emul_lock(&emul_files.lock);
	struct emul_fd old = emul_files.fds[fd];
	memset(&emul_files.fds[fd], 0, sizeof(emul_files.fds[fd]));
	emul_unlock(&emul_files.lock);
	if (old.kind == EMUL_FD_FREE)
		return -LINUX_EBADF;
	if (old.kind == EMUL_FD_PORT)
		emul_port_release(old.port);
	return 0;
}

void emul_fd_set_dir_entry(int fd, mach_port_t port, uint64_t entry)
{
	emul_lock(&emul_files.lock);
	if (fd >= 0 && fd < EMUL_FD_MAX && emul_files.fds[fd].kind == EMUL_FD_PORT &&
	    emul_files.fds[fd].port == port)
		emul_files.fds[fd].dir_entry = entry;
	emul_unlock(&emul_files.lock);
}
