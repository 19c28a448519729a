/* The contract between the loader (lib/loader) and the emulator (emul/): where
 * the emulator and a Linux program's stack live, the emulator image's header,
 * and the start block the loader leaves for the emulator's start routine. */
#ifndef WILDEBEEST_EMUL_IMAGE_H
#define WILDEBEEST_EMUL_IMAGE_H

#include <stdint.h>

/* The emulator is linked to run at EMUL_IMAGE_BASE and must fit below
 * EMUL_IMAGE_END: far above where static Linux programs are linked (0x400000)
 * and their brk heap, above the emulator's own mmap area (LINUX_MMAP_BASE up),
 * below the stack. Programs' segments must lie below EMUL_IMAGE_BASE. */
#define EMUL_IMAGE_BASE 0x7ffe00000000ull
#define EMUL_IMAGE_END  0x7ffe10000000ull /* 256 MiB */

/* A program's stack: LINUX_STACK_SIZE bytes below LINUX_STACK_TOP (filled
 * lazily); the start block, strings and initial vectors are at its top. */
#define LINUX_STACK_TOP  0x7ffffffff000ull
#define LINUX_STACK_SIZE (8ull << 20)
/* Where mmap without an address starts searching (upward). */
#define LINUX_MMAP_BASE 0x7f0000000000ull

/* The emulator's ELF entry point (e_entry) is not code: it is the address of
 * this header, in the emulator's executable segment. */
#define EMUL_IMAGE_MAGIC 0x31304c554d454257ull /* "WBEMUL01" */
struct emul_image_header {
	uint64_t magic;         /* EMUL_IMAGE_MAGIC */
	uint64_t start;         /* the start routine: where the first thread begins */
	uint64_t syscall_entry; /* the emulation vector's default entry (slot 0) */
};

/* The start block: written by the loader near the top of the stack. The first
 * thread begins at header.start with rsp the program's initial stack pointer
 * (argc, argv, envp, auxv as Linux lays them out) and rdi this block's address;
 * the emulator copies what it needs and jumps to program_entry with that rsp
 * and rdx = 0. */
#define EMUL_START_MAGIC      0x5452415453424557ull /* "WEBSTART" */
#define EMUL_PROGRAM_NAME_MAX 128
#define EMUL_INIT_PORTS_MAX   16
#define EMUL_FDS_MAX          256 /* emul/files.h's whole table (EMUL_FD_MAX) */
/* 16 ints for the Hurd's INIT_* and the emulator's own, then 1024 in which an
 * emulator that execs passes its current directory's text (emul/execve.h). */
#define EMUL_INTS_MAX (16 + 1024)
/* Init port slots past the Hurd's (INIT_PORT_MAX is 6): an emulator that
 * execs passes the exec server and the pipe server it found here, so that the
 * new program finds them again without the boot runner's registry. */
#define EMUL_INIT_PORT_EXEC 6
#define EMUL_INIT_PORT_PIPE 7
struct emul_start_block {
	uint64_t magic;           /* EMUL_START_MAGIC */
	uint64_t program_entry;   /* the program's ELF entry point */
	uint64_t brk_start;       /* the end of its highest segment: brk begins there */
	int32_t pid, ppid;        /* what getpid/getppid answer until proc exists */
	uint32_t device_master;   /* a send right's name in the task, or 0 */
	uint32_t init_port_count; /* entries of init_ports given (<= EMUL_INIT_PORTS_MAX) */
	char program_name[EMUL_PROGRAM_NAME_MAX]; /* argv[0], for diagnostics */
	/* The init ports (INIT_PORT_* of <hurd/hurd_types.h>: cwdir, crdir, auth,
	 * proc, cttyid, bootstrap, ...): send rights' names in the task, 0 where
	 * none was given. The emulator answers them through the escape hatch
	 * (emul_native.h, EMUL_PORT_INIT_FIRST + index). */
	uint32_t init_ports[EMUL_INIT_PORTS_MAX];
	uint32_t flags; /* EMUL_START_* below */
	/* The descriptors (exec_exec's fds): fd i is the send right named
	 * fds[i] in the task, closed where 0; with fd_count 0, fds 0-2 are the
	 * boot console. */
	uint32_t fd_count;
	uint32_t fds[EMUL_FDS_MAX];
	/* exec_exec's ints (INIT_UMASK, INIT_SIGMASK, INIT_SIGIGN, ... of
	 * <hurd/hurd_types.h>): the umask, the blocked signals and the ignored
	 * ones the new program inherits (bit n-1 for Linux signal n); int_count 0
	 * when none were given. */
	uint32_t int_count;
	int32_t ints[EMUL_INTS_MAX];
};
/* The task's bootstrap port is the boot runner's registry
 * (<wildebeest/bootstrap_registry.h>): the emulator may look servers up there
 * (proc, to register the process). Only the boot runner says so: any other
 * bootstrap port belongs to whoever started the program. */
#define EMUL_START_BOOTSTRAP_IS_REGISTRY 1u

/* How a program's exit status reaches whoever started it until the proc server
 * exists: exit_group sends this simple message to the task's bootstrap port
 * (TASK_BOOTSTRAP_PORT), then terminates the task. */
#define EMUL_EXIT_MESSAGE_ID 0x57450001
struct emul_exit_message {
	/* mach_msg_header_t, then an INTEGER_32 type descriptor and the status */
	uint8_t header[32];
	uint32_t status_type;
	int32_t status; /* exit_group's argument & 0xff */
};
/* The same message with this id says the program was killed by a signal: the
 * status field holds the signal's number (emul/signal_exit.c). */
#define EMUL_SIGNAL_EXIT_MESSAGE_ID 0x57450021

#endif
