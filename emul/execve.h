/* execve and execveat (execve.c) and their parts: the argument vectors
 * copied from the program (execve_args.c), what the new image inherits and
 * where the exec server is (execve_state.c), and taking that inheritance up
 * in the new image's start (execve_inherit.c). */
#ifndef EMUL_EXECVE_H
#define EMUL_EXECVE_H

#include <stddef.h>
#include <stdint.h>
#include <mach/port.h>
#include <wildebeest/emul_image.h>

/* What exec_exec takes (servers/exec/exec_logic.h's limits): E2BIG beyond. */
#define EMUL_EXEC_ARGZ_MAX  (120u << 10) /* argv + envp bytes together */
#define EMUL_EXEC_WORDS_MAX 4000         /* argv + envp entries together */
/* exec_exec may read a large file (and a script's interpreter) first. */
#define EMUL_EXEC_RPC_MS 300000

/* The ints past the Hurd's five (INIT_UMASK, INIT_SIGMASK, INIT_SIGIGN, ...
 * of <hurd/hurd_types.h>; those carry signals 1-32): signals 33-64 of the
 * blocked and ignored sets, and which descriptors (bit n: fd n, 0-31) are
 * the boot console, which no port stands for. */
#define EMUL_INIT_INT_SIGMASK_HIGH 5
#define EMUL_INIT_INT_SIGIGN_HIGH  6
#define EMUL_INIT_INT_CONSOLE_FDS  7
#define EMUL_INIT_INT_COUNT        8

/* An argz vector copied from the program's NULL-terminated array of string
 * pointers. */
struct emul_argz {
	char *bytes; /* vm_allocate'd, EMUL_EXEC_ARGZ_MAX */
	size_t length, words;
};

/* Copies the vector at address (0: empty) into argz, with room left by
 * `used` bytes and `used_words` words already taken: 0, -EFAULT or -E2BIG. */
long emul_argz_from_user(uint64_t address, size_t used, size_t used_words, struct emul_argz *argz);
void emul_argz_free(struct emul_argz *argz);

/* What the new image gets: the descriptors without FD_CLOEXEC (0..63), the
 * init ports and the ints. Every port is a send right with a reference of
 * its own, released by emul_exec_state_release. */
struct emul_exec_state {
	mach_port_t fds[EMUL_FDS_MAX];
	unsigned fd_count;
	mach_port_t ports[EMUL_INIT_PORTS_MAX];
	unsigned port_count;
	int32_t ints[EMUL_INIT_INT_COUNT];
};
void emul_exec_state_collect(struct emul_exec_state *state, mach_port_t exec_server);
void emul_exec_state_release(struct emul_exec_state *state);

/* The exec server: the port the starter passed (EMUL_INIT_PORT_EXEC), "exec"
 * from the boot runner's registry, or the file /servers/exec. A send right
 * with a reference for the caller, or MACH_PORT_NULL. */
mach_port_t emul_exec_server(void);

/* In the new image's start (start.c): the ints and extra init ports a
 * program that called execve passed on. */
void emul_execve_inherit(const struct emul_start_block *block);

#endif
