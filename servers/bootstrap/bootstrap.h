/* The first bootstrap (module 0): runs the boot modules as Linux programs on
 * the emulator, one after another, and reports how each ended. */
#ifndef BOOTSTRAP_BOOTSTRAP_H
#define BOOTSTRAP_BOOTSTRAP_H

#include <mach.h>
#include <stdbool.h>
#include <stdint.h>
#include <device/device_types.h>

/* A boot module read whole into this task (bootstrap_modules.c). */
struct boot_module {
	void *data;
	uint64_t size;
	char command_line[256];
};

/* Reads module `index` through the device master; D_NO_SUCH_DEVICE when
 * there is no such module. */
kern_return_t bootstrap_read_module(mach_port_t device_master, unsigned index,
                                    struct boot_module *module);
void bootstrap_release_module(struct boot_module *module);

/* How a program ended (bootstrap_wait.c). */
struct program_end {
	int exited;  /* it called exit_group: status is its exit status */
	int serving; /* it registered a service port and runs on */
	int status;
	int killed_by; /* the emulator said a signal ended it: its number */
};

/* A receive right for one program's exit message: *send is a send right the
 * caller gives the program as its bootstrap port. */
kern_return_t bootstrap_exit_port(mach_port_t *receive, mach_port_t *send);
/* Waits until the program's task is gone (no senders left on its exit port),
 * noting its exit status if it sent one, or until it registered a service
 * port (include/wildebeest/bootstrap_registry.h); answers lookups of that
 * port meanwhile; destroys the port. */
kern_return_t bootstrap_wait_program(mach_port_t receive, struct program_end *end);

/* The registry of named ports (bootstrap_registry.c,
 * include/wildebeest/bootstrap_registry.h). A register request (named or
 * not) is kept under its name; true if it was well formed and found room. */
bool bootstrap_registry_take(mach_msg_header_t *header);
/* Answers a lookup request (named or not) with the port registered, or none. */
void bootstrap_registry_answer(const mach_msg_header_t *request);
/* The port registered under name ("" the unnamed slot), still ours; or null. */
mach_port_t bootstrap_registry_find(const char *name);
/* Registers another user reference of port under name; false without room. */
bool bootstrap_registry_add(const char *name, mach_port_t port);

/* Program modules (bootstrap.c): argv split from a command line, and the
 * module given as a data file rather than a program. */
struct program_words {
	int argc;
	char storage[256];
	char *argv[65];
};
bool bootstrap_split_command_line(const char *command_line, struct program_words *words);
bool bootstrap_is_data_module(const char *command_line);
extern char *const bootstrap_environment[];

/* The herd (bootstrap_herd.c): the servers from boot modules, then init from
 * the root file system through exec; the power-off verdict. */
struct herd_options {
	unsigned server_timeout_ms; /* a server's registration, after its start */
	const char *init_path;      /* absolute, in the root file system */
	char *const *init_argv;     /* NULL-terminated, argv[0] first */
	bool quiet;                 /* --quiet: only failures are reported */
};
int bootstrap_herd(mach_port_t device_master, const struct boot_module *emulator,
                   const struct herd_options *options);

/* The test build's hooks (bootstrap.c has empty weak ones). */
void bootstrap_programs_starting(void);
void bootstrap_programs_ended(void);

#endif
