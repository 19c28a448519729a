/* The first bootstrap (module 0): runs the boot modules as Linux programs on
 * the emulator, one after another, and reports how each ended. */
#ifndef BOOTSTRAP_BOOTSTRAP_H
#define BOOTSTRAP_BOOTSTRAP_H

#include <mach.h>
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

/* The test build's hooks (bootstrap.c has empty weak ones). */
void bootstrap_programs_starting(void);
void bootstrap_programs_ended(void);

#endif
