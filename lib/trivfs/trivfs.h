/* lib/trivfs: the framework of one-node translators on lib/ports — a control
 * port (fsys), open ports on the node (io and the file calls of fs) and the
 * hooks a server fills in to give the node its contents and options. */
#ifndef WB_TRIVFS_H
#define WB_TRIVFS_H

#include <ports.h>
#include <hurd/hurd_types.h>
#include "trivfs_logic.h"

struct trivfs;

/* What the server does; every hook runs with the node's lock held (one at a
 * time per node). A missing read hook reads end of file; a missing write
 * hook makes opening for write EROFS; a missing size hook means size 0.
 * Hooks answer 0 or an errno value. */
struct trivfs_hooks {
	/* Copies up to amount bytes from offset into buffer, *done of them. */
	int (*read)(struct trivfs *fs, int64_t offset, char *buffer, size_t amount, size_t *done);
	/* Takes up to amount bytes of data written at offset, *done of them. */
	int (*write)(struct trivfs *fs, int64_t offset, const char *data, size_t amount,
	             size_t *done);
	int64_t (*size)(struct trivfs *fs);
	/* fsys_set_options: argv holds the options only (no program name). */
	int (*set_options)(struct trivfs *fs, int argc, char **argv);
	/* fsys_get_options: appends the current options (after the name). */
	int (*get_options)(struct trivfs *fs, struct trivfs_argz *argz);
	/* fsys_syncfs. */
	int (*sync)(struct trivfs *fs);
};

struct trivfs_config {
	const char *name; /* the program name fsys_get_options reports first */
	uint32_t mode;    /* the node's type and permissions (S_IFREG | 0444, ...) */
	uint32_t owner, group;
	unsigned max_workers; /* the bucket's bound */
	const struct trivfs_hooks *hooks;
	void *server; /* the server's own state, trivfs_server gives it back */
	/* The auth server's port the server half of io_reauthenticate's
	 * rendezvous goes to (the library keeps this send right); without one,
	 * io_reauthenticate answers EOPNOTSUPP and clients go on with the port
	 * they have. trivfs_serve_as_boot_module finds one when this is null. */
	mach_port_t auth;
};

/* Starts serving one node in a bucket of its own. 0 or an errno value. */
int trivfs_create(const struct trivfs_config *config, struct trivfs **result);
void *trivfs_server(struct trivfs *fs);
/* A send right to the control port (the caller owns it). */
int trivfs_control_port(struct trivfs *fs, mach_port_t *control);

/* Startup, path 1 — started by a parent file system (lib/fshelp): the
 * bootstrap port is the parent's, fsys_startup hands it the control port and
 * gives back the node underneath (*underlying, opened with openflags). */
int trivfs_startup_with_parent(struct trivfs *fs, mach_port_t bootstrap, int openflags,
                               mach_port_t *underlying);
/* Startup, path 2 — a boot module, no parent yet: the control port goes to
 * the boot runner's one-slot registry (wildebeest/bootstrap_registry.h),
 * where a later module looks it up. */
int trivfs_startup_with_boot_runner(struct trivfs *fs, mach_port_t bootstrap);

/* Sets the auth port of io_reauthenticate (the library takes this send
 * right and releases the one it had). */
void trivfs_set_auth(struct trivfs *fs, mach_port_t auth);

/* A translator program's life: when whoever started it gave it an
 * INIT_PORT_BOOTSTRAP init port (lib/fshelp's fshelp_start_translator through
 * exec_exec), path 1 on that port (openflags HURD_O_READ), keeping the node
 * underneath (trivfs_underlying_node) and taking INIT_PORT_AUTH as the auth
 * port unless the config gave one; otherwise path 2 with the boot runner,
 * the auth port then being the one the runner's registry has as "auth" (none
 * when no auth server registered).
 * Then prints "NAME: serving", waits for fsys_goaway, and prints "NAME: gone,
 * N lib/ports objects left" once none are (or after 2 s). Returns the
 * program's exit status (0 if none were left). */
int trivfs_serve_as_boot_module(struct trivfs *fs);
/* The node underneath from fsys_startup (a send right the library keeps), or
 * MACH_PORT_NULL when started otherwise or given none. */
mach_port_t trivfs_underlying_node(struct trivfs *fs);

/* Blocks until fsys_goaway succeeded (every port of the node is then dead). */
void trivfs_wait_gone(struct trivfs *fs);
/* Open ports alive (protids), and lib/ports objects alive in the bucket. */
size_t trivfs_open_count(struct trivfs *fs);
size_t trivfs_object_count(struct trivfs *fs);

#endif
