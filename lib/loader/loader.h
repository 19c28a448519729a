/* The Linux program loader: starts a static ELF64 executable in a new task
 * with the system-call emulator beneath it. One library for the boot runner
 * now and the exec server later; freestanding, on libmach. */
#ifndef LOADER_LOADER_H
#define LOADER_LOADER_H

#include <mach.h>
#include <stddef.h>
#include <stdint.h>
#include <wildebeest/emul_image.h>

struct loader_program {
	const void *image; /* the program: a static ELF64 x86_64 executable */
	size_t image_size;
	const void *emulator; /* the emulator's ELF image (emul/, EMUL_IMAGE_BASE) */
	size_t emulator_size;
	char *const *argv;         /* argv[0] first, NULL-terminated */
	char *const *envp;         /* NULL-terminated */
	const char *execfn;        /* AT_EXECFN: the path it was started by */
	int32_t pid, ppid;         /* getpid/getppid's answers until proc exists */
	mach_port_t bootstrap;     /* a send right given as its TASK_BOOTSTRAP_PORT, or null */
	mach_port_t device_master; /* a send right copied into the task, or null */
	/* The init ports (INIT_PORT_* of <hurd/hurd_types.h>), send rights of the
	 * caller's, MACH_PORT_NULL where none; at most LOADER_INIT_PORTS_MAX. Each
	 * is copied into the task (under the caller's name when it is free there)
	 * and its name recorded in the start block, where the emulator answers it
	 * (syscall(0x20000001, 16 + INIT_PORT_x)). A valid init_ports[
	 * LOADER_INIT_PORT_BOOTSTRAP] becomes the task's bootstrap special port in
	 * place of `bootstrap`. */
	const mach_port_t *init_ports;
	unsigned init_port_count;
	uint32_t start_flags; /* the start block's EMUL_START_* flags (emul_image.h) */
	/* The descriptors, as the init ports: send rights (MACH_PORT_NULL: a
	 * closed descriptor), at most LOADER_FDS_MAX, copied into the task; the
	 * emulator's fd i starts as fds[i]. None: fds 0-2 are the console. */
	const mach_port_t *fds;
	unsigned fd_count;
	/* exec_exec's ints (umask, signal masks), at most LOADER_INTS_MAX (more
	 * are not recorded), copied into the start block for the emulator. */
	const int32_t *ints;
	unsigned int_count;
};

#define LOADER_INIT_PORTS_MAX      EMUL_INIT_PORTS_MAX
#define LOADER_FDS_MAX             EMUL_FDS_MAX
#define LOADER_INTS_MAX            EMUL_INTS_MAX
#define LOADER_INIT_PORT_BOOTSTRAP 5 /* INIT_PORT_BOOTSTRAP of <hurd/hurd_types.h> */

/* Why a load failed: a refused image is an error with a reason, never a crash. */
enum loader_error {
	LOADER_OK = 0,
	LOADER_BAD_PROGRAM,   /* the program's image failed validation */
	LOADER_BAD_EMULATOR,  /* the emulator's image failed validation */
	LOADER_BAD_ARGUMENTS, /* argv/envp too large for the initial stack, or too
	                         many init ports */
	LOADER_MACH_ERROR,    /* a Mach call failed (kern_return_t in *mach_result) */
};

/* Creates a task (a child of parent_task, not inheriting its memory), maps the
 * program and the emulator, builds the Linux initial stack, sets the emulation
 * vector and starts the first thread in the emulator's start routine. On
 * success *task is the new task's port (the caller's send right). On failure
 * nothing is left behind and *detail says why (a static string). */
enum loader_error loader_start(mach_port_t parent_task, const struct loader_program *program,
                               mach_port_t *task, kern_return_t *mach_result, const char **detail);

/* The same into an existing task the caller made (task_create, no inherited
 * memory; the exec server's case): both images are checked before the task is
 * touched, so a refused image leaves it as it was. On a failure after that the
 * task is left without threads, possibly with some of the program mapped: the
 * caller decides (terminates it). */
enum loader_error loader_load_into(mach_port_t task, const struct loader_program *program,
                                   kern_return_t *mach_result, const char **detail);

/* Internal steps, one file each. */
/* Maps every PT_LOAD segment of a validated image into task; *end is the end
 * of the highest segment (where brk starts). */
kern_return_t loader_map_segments(mach_port_t task, const void *image, uint64_t *end);
/* Builds the initial stack (loader_stack.c) in task, the start block telling
 * the emulator brk_start; *stack_pointer is the program's initial rsp,
 * *start_block the start block's address. */
enum loader_error loader_build_stack(mach_port_t task, const struct loader_program *program,
                                     uint64_t brk_start, const uint32_t *init_port_names,
                                     const uint32_t *fd_names, uint64_t *stack_pointer,
                                     uint64_t *start_block, kern_return_t *mach_result);
/* Copies the init ports into task (loader_ports.c): names[i] their names
 * there (0 where none was given). */
kern_return_t loader_give_init_ports(mach_port_t task, const struct loader_program *program,
                                     uint32_t names[LOADER_INIT_PORTS_MAX]);
/* The same for the descriptors' ports: names[i] fd i's name there. */
kern_return_t loader_give_fds(mach_port_t task, const struct loader_program *program,
                              uint32_t names[LOADER_FDS_MAX]);

#endif
