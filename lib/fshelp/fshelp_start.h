/* lib/fshelp's start of a translator (fshelp_start.c): a new task, exec_exec
 * of the translator's program with a fresh bootstrap port, and the wait for
 * its fsys_startup, bounded by a timeout. Used by file systems for passive
 * translators and by settrans -a. */
#ifndef WB_FSHELP_START_H
#define WB_FSHELP_START_H

#include <mach.h>
#include <stddef.h>

/* What to start. Every port is a send right of the caller's; none is taken:
 * the caller keeps (and later deallocates) its own rights. */
struct fshelp_start_request {
	mach_port_t exec_server; /* the exec server ("exec" in the boot runner's registry) */
	mach_port_t file;        /* the translator's program, an io object exec reads */
	/* argv as an argz vector (NUL-terminated strings one after another),
	 * argv[0] first: also the name exec reports the program by. */
	const char *argz;
	size_t argz_length;
	const char *envz; /* the environment, likewise; may be NULL */
	size_t envz_length;
	/* The translator's init ports, INIT_PORT_* of <hurd/hurd_types.h>
	 * (INIT_PORT_AUTH: the identity it runs with; CWDIR, CRDIR, PROC, ...),
	 * MACH_PORT_NULL where none; at most 16. The INIT_PORT_BOOTSTRAP entry
	 * is ignored: it becomes the fresh port fsys_startup comes to. */
	const mach_port_t *init_ports;
	size_t init_port_count;
	/* The node the translator sits on: a copy goes back in the answer to its
	 * fsys_startup (MACH_PORT_NULL: none). underlying_flags are the open
	 * modes it was opened with (HURD_O_READ, _WRITE, _EXEC): a translator
	 * asking for more (fsys_startup's openflags) is answered EACCES and the
	 * start fails with EACCES. */
	mach_port_t underlying;
	int underlying_flags;
	/* The whole start — exec_exec included — ends within this (> 0). */
	unsigned timeout_ms;
};

/* Starts the translator and waits for its fsys_startup, on the calling thread
 * (no thread of its own). On success returns 0 with *control a send right to
 * its control port (fsys) and *task its task port, both the caller's; the
 * translator's bootstrap port is then forgotten (its later messages there,
 * such as an exit status, go nowhere).
 *
 * Errors (nothing is left behind: a task made is terminated):
 *   EINVAL     a null exec server or file port, no argv, more than 16 init
 *              ports, a timeout of 0;
 *   ETIMEDOUT  no fsys_startup within timeout_ms (exec_exec included);
 *   ESRCH      the translator's task died before calling fsys_startup
 *              (exited, crashed or was killed; the Hurd says EDIED);
 *   EACCES     it asked for more access to the underlying node than
 *              underlying_flags allow;
 *   EBADF      the exec server's port is dead;
 *   an errno from exec_exec (ENOEXEC, EACCES, ...) or ENOMEM. */
int fshelp_start_translator(const struct fshelp_start_request *request, mach_port_t *control,
                            mach_port_t *task);

#endif
