/* The Linux program loader: starts a static ELF64 executable in a new task
 * with the system-call emulator beneath it. One library for the boot runner
 * now and the exec server later; freestanding, on libmach. */
#ifndef LOADER_LOADER_H
#define LOADER_LOADER_H

#include <mach.h>
#include <stddef.h>
#include <stdint.h>

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
};

/* Why a load failed: a refused image is an error with a reason, never a crash. */
enum loader_error {
	LOADER_OK = 0,
	LOADER_BAD_PROGRAM,   /* the program's image failed validation */
	LOADER_BAD_EMULATOR,  /* the emulator's image failed validation */
	LOADER_BAD_ARGUMENTS, /* argv/envp too large for the initial stack */
	LOADER_MACH_ERROR,    /* a Mach call failed (kern_return_t in *mach_result) */
};

/* Creates a task (a child of parent_task, not inheriting its memory), maps the
 * program and the emulator, builds the Linux initial stack, sets the emulation
 * vector and starts the first thread in the emulator's start routine. On
 * success *task is the new task's port (the caller's send right). On failure
 * nothing is left behind and *detail says why (a static string). */
enum loader_error loader_start(mach_port_t parent_task, const struct loader_program *program,
                               mach_port_t *task, kern_return_t *mach_result, const char **detail);

/* Internal steps, one file each. */
/* Maps every PT_LOAD segment of a validated image into task; *end is the end
 * of the highest segment (where brk starts). */
kern_return_t loader_map_segments(mach_port_t task, const void *image, uint64_t *end);
/* Builds the initial stack (loader_stack.c) in task, the start block telling
 * the emulator brk_start; *stack_pointer is the program's initial rsp,
 * *start_block the start block's address. */
enum loader_error loader_build_stack(mach_port_t task, const struct loader_program *program,
                                     uint64_t brk_start, uint64_t *stack_pointer,
                                     uint64_t *start_block, kern_return_t *mach_result);

#endif
