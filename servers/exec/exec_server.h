/* The exec server (servers/exec): exec_exec loads a static ELF program read
 * from a file server into a task the caller made, with the emulator beneath
 * it; exec_setexecdata keeps default init ports. Shared state and helpers.
 * exec_startup_get_info is not served (MIG's EOPNOTSUPP): our emulator starts
 * from the loader's start block, and the bootstrap port a program gets is its
 * starter's, not exec's. "#!" scripts run their interpreter (exec_script.c). */
#ifndef EXEC_EXEC_SERVER_H
#define EXEC_EXEC_SERVER_H

#include <mach.h>
#include <stddef.h>
#include <stdint.h>
#include <ports.h>

/* Largest program image exec loads (EFBIG beyond). */
#define EXEC_IMAGE_MAX (64u << 20)
/* Every RPC to a file server (and the probe of the task port) waits at most
 * this long to send and as long for its answer (ETIMEDOUT), unless
 * exec_server_start is told otherwise; a whole read of the image at most
 * EXEC_FILE_TOTAL_MS. */
#define EXEC_FILE_WAIT_MS_DEFAULT 5000
#define EXEC_FILE_TOTAL_MS        60000

struct exec_server_config {
	unsigned max_workers;
	mach_msg_timeout_t file_wait_ms; /* 0: EXEC_FILE_WAIT_MS_DEFAULT */
	const void *emulator;            /* the emulator's ELF image (module 1), kept */
	size_t emulator_size;
};

/* Starts serving exec.defs in a bucket of its own; *port is a send right to
 * the server (the caller owns it). 0 or an errno value. */
int exec_server_start(const struct exec_server_config *config, mach_port_t *port);

/* The emulator image, read once at start (exec_start.c). */
extern const void *exec_emulator_image;
extern size_t exec_emulator_size;

/* The wait of each timed RPC (the timed stubs' waittime variable). */
extern mach_msg_timeout_t exec_file_wait_ms;

/* Reads a whole program through io_stat and io_read on file (exec_file.c):
 * 0 with *image (vm_deallocate *size bytes, rounded up to a page, when done),
 * or EACCES (not a regular file with an execute bit), ENOEXEC (empty or
 * shorter than its size), EFBIG, ETIMEDOUT (the file server did not answer
 * in time), EBADF (a dead or null file port), EOPNOTSUPP (not an io object),
 * EIO (a malformed answer) or the file server's own error. */
int exec_read_file(mach_port_t file, void **image, size_t *size);

/* 0 if task is a live task port (asked with a timed task_info: a port that
 * is not the kernel's cannot hold a worker), else ESRCH; EINVAL for null. */
int exec_probe_task(mach_port_t task);

/* An RPC's result as an errno value: timeouts ETIMEDOUT, a dead destination
 * EBADF, MIG_BAD_ID EOPNOTSUPP, other Mach and MIG failures EIO, a server's
 * errno as it is. */
int exec_errno_from_rpc(kern_return_t result);

/* The defaults exec_setexecdata stored, merged into ports (exec_data.c):
 * fills out (EXEC_MAX_INIT_PORT entries, names of send rights exec holds
 * until exec_release_ports) and *count. 0 or EINVAL. */
int exec_ports_for(const mach_port_t *given, size_t given_count, int use_defaults, mach_port_t *out,
                   size_t *count);
void exec_release_ports(mach_port_t *ports, size_t count);

/* Empties task for a new image (exec_clear.c): terminates its threads but
 * one, *keeper, held (the kernel ends a task without threads), waits until
 * the others are gone, deallocates its whole user address space and
 * destroys every name in its port space. 0, or ESRCH when the task died or
 * refused. exec_release_keeper ends the keeper once the new image's thread
 * runs (or the task is terminated). */
int exec_clear_task(mach_port_t task, mach_port_t *keeper);
void exec_release_keeper(mach_port_t keeper);

/* Looks a script's interpreter up with lib/lookup from the init ports
 * (INIT_PORT_CRDIR, _CWDIR, _AUTH of ports, count entries), a timeout on
 * every RPC: 0 with *file a send right exec owns, or ENOENT (no root given,
 * or no such file) and lookup's other errors (exec_script.c). */
int exec_lookup_interpreter(const mach_port_t *ports, size_t count, const char *path,
                            mach_port_t *file);

#endif
