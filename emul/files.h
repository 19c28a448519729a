/* The emulator's file state (issue 7): the descriptor table of io/fs ports,
 * root and current directory, umask and the auth port, and the helpers every
 * file system call shares (descriptor references, lookups, RPC errors). */
#ifndef EMUL_FILES_H
#define EMUL_FILES_H

#include <stdint.h>
#include <hurd/hurd_types.h>
#include <mach/port.h>
#include "emul.h"

#define EMUL_FD_MAX      256   /* descriptors 0 .. EMUL_FD_MAX - 1 */
#define EMUL_FILE_RPC_MS 10000 /* every file RPC's send and receive timeout */
#define EMUL_REGISTRY_MS 2000  /* asking the boot runner for "root" and "auth" */
/* I/O on a descriptor that may rightly wait (a pipe end): a day, not forever,
 * since MIG's timeout covers both halves of the call. */
#define EMUL_WAITING_IO_MS 86400000

enum emul_fd_kind {
	EMUL_FD_FREE = 0,
	EMUL_FD_CONSOLE, /* the boot console (fds 0-2 unless given ports) */
	EMUL_FD_PORT,    /* an io/fs port */
};

/* One open descriptor. */
struct emul_fd {
	enum emul_fd_kind kind;
	mach_port_t port;   /* EMUL_FD_PORT: a send right the table owns */
	int open_modes;     /* HURD_O_* the object was opened with */
	int cloexec;        /* FD_CLOEXEC */
	int path_only;      /* O_PATH: no I/O */
	uint64_t dir_entry; /* getdents64: the next entry number of a directory */
	int may_wait;       /* a pipe end: reads and writes may wait for the peer */
};

/* A descriptor borrowed by a system call: a copy of the entry and one extra
 * user reference on its port, released with emul_fd_put. */
struct emul_fd_ref {
	struct emul_fd entry;
	int fd;
};

struct emul_files {
	emul_lock_t lock;
	struct emul_fd fds[EMUL_FD_MAX];
	mach_port_t root, cwd, auth;  /* send rights, or MACH_PORT_NULL */
	mach_port_t pipe_server;      /* "pipe" from the registry, or MACH_PORT_NULL */
	char cwd_path[HURD_PATH_MAX]; /* absolute text of cwd ("/" at start) */
	uint32_t umask;
};
extern struct emul_files emul_files;

/* Start-up (files_state.c): console fds, init ports, or the boot runner's
 * registry when the loader recorded no init ports at all. */
void emul_files_init(uint32_t init_port_count);
/* Then the descriptors the start block names (files_inherit.c): with count > 0
 * fd i is fds[i] (closed where 0) instead of the console. */
void emul_files_inherit(const uint32_t *fds, uint32_t count);

/* Asks the registry behind the bootstrap port for name: a send right or
 * MACH_PORT_NULL (none registered, no runner, no answer in time). Only for a
 * bootstrap port that is the boot runner's registry. */
mach_port_t emul_registry_lookup(const char *name);

/* Borrows fd: 0 or -EBADF. */
long emul_fd_get(int fd, struct emul_fd_ref *ref);
void emul_fd_put(struct emul_fd_ref *ref);
/* Installs entry (its port moved into the table) at the lowest free
 * descriptor >= minimum: the descriptor, or -EMFILE (the port is then
 * released). */
long emul_fd_install(const struct emul_fd *entry, int minimum);
/* Installs entry at exactly fd, closing what was there. */
long emul_fd_install_at(const struct emul_fd *entry, int fd);
/* Closes fd: 0 or -EBADF. */
long emul_fd_close(int fd);
/* Records a new directory position for fd (getdents64, lseek). */
void emul_fd_set_dir_entry(int fd, mach_port_t port, uint64_t entry);

/* An RPC's result as a negative Linux errno (0 stays 0). */
long emul_rpc_errno(kern_return_t result);
/* Releases a send right (no-op for null/dead). */
void emul_port_release(mach_port_t port);
/* One more user reference on a send right (for handing a copy out). */
void emul_port_add_ref(mach_port_t port);

/* The user's path at address, copied into path (HURD_PATH_MAX): 0,
 * -EFAULT, -ENAMETOOLONG, or -ENOENT when empty and !allow_empty. */
long emul_path_from_user(uint64_t address, char *path, int allow_empty);

/* Looks path up relative to dirfd (LINUX_AT_FDCWD or a directory fd) with
 * HURD_O_* flags and mode: 0 with *result a send right the caller owns, or
 * -errno. -ENOENT without a file system. */
long emul_path_lookup(int dirfd, const char *path, int flags, uint32_t mode, mach_port_t *result);
/* Makes new_auth (its reference taken) the process's auth handle and
 * reauthenticates the root, cwd and every open port with it (identity_auth.c). */
long emul_identity_adopt(mach_port_t new_auth);
/* Splits path into its directory (looked up as above) and last component
 * (copied into name, HURD_STRING_MAX): for mkdir, unlink, rename, link,
 * symlink. -EINVAL when the last component is "." or "..". */
long emul_path_parent(int dirfd, const char *path, mach_port_t *directory, char *name);

/* The port behind dirfd for a lookup (cwd for AT_FDCWD) with a reference the
 * caller releases: 0 or -errno. */
long emul_dirfd_port(int dirfd, mach_port_t *port);

/* True when the process has a file system (a root port). */
int emul_have_file_system(void);

#endif
