/* The herd mode's members and the steps bootstrap_herd.c and
 * bootstrap_herd_init.c share. */
#ifndef BOOTSTRAP_BOOTSTRAP_HERD_H
#define BOOTSTRAP_BOOTSTRAP_HERD_H

#include <mach.h>
#include <stdbool.h>
#include <stddef.h>
#include "bootstrap.h"

/* Every RPC of the bootstrap to a server (proc, the root file system, exec)
 * waits at most this long to be sent and as long for its answer. */
#define HERD_RPC_TIMEOUT_MS 30000

enum herd_state { HERD_NOT_STARTED = 0, HERD_STARTING, HERD_SERVING, HERD_ENDED };

/* One task the bootstrap started: a server from a boot module, or init. */
struct herd_member {
	const char *name;     /* its registry name, and how messages name it */
	const char *program;  /* the last component of its module's path */
	bool needed_for_init; /* init is not started without it */
	enum herd_state state;
	mach_port_t task; /* our send right */
	mach_port_t port; /* our receive right, its bootstrap port, in the herd's set */
	int pid;          /* from proc, 0 until then */
	int exit_status;  /* from its exit message; -1 while none came */
};

enum herd_wait {
	HERD_WAIT_REGISTERED,
	HERD_WAIT_ENDED,
	HERD_WAIT_TIMED_OUT,
	HERD_WAIT_FAILED,
	HERD_WAIT_REBOOT /* startup_reboot was granted: herd_reboot_code */
};

/* --quiet: the lines of a boot that goes well are left out (failures stay). */
extern bool herd_quiet;
#define herd_note(...)                                                                             \
	do {                                                                                       \
		if (!herd_quiet)                                                                   \
			print(__VA_ARGS__);                                                        \
	} while (0)
/* A few errno values by name (bootstrap_herd_init.c). */
const char *herd_error_text(int error);

/* The nodes servers are attached to (bootstrap_nodes.c): each gets a control
 * port of ours in port_set as its active translator; fsys_getroot on it
 * gives the server's registered port. */
void herd_attach_nodes(mach_port_t port_set);
bool herd_is_node_port(mach_port_t port);
/* startup_reboot's granted code (bootstrap_startup.c), -1 while none. */
extern int herd_reboot_code;

/* A receive right for member (no-senders requested, in the herd's set) and a
 * send right *send for its task's bootstrap port; member is STARTING. */
kern_return_t herd_member_port(struct herd_member *member, mach_port_t *send);
/* Serves every member's port (exit messages, registrations, registry lookups,
 * ends) until target registers or ends, or timeout_ms pass (0: no limit). */
enum herd_wait herd_serve(struct herd_member *target, unsigned timeout_ms);
/* Names task after the last component of path in the kernel's messages. */
void herd_name_task(mach_port_t task, const char *path);
/* Makes member's task a child of proc's pid 1 and notes its pid. */
void herd_give_pid(struct herd_member *member);
/* Starts init: looked up in the root file system, a new task given a pid by
 * proc and loaded by exec with the init ports; 0, or nonzero after a console
 * line saying why. */
int herd_start_init(struct herd_member *init, const struct herd_options *options, char *pid_list);

/* A boot module's command line without reading its bytes (bootstrap_modules.c). */
kern_return_t bootstrap_module_command_line(mach_port_t device_master, unsigned index,
                                            char *command_line, size_t size);

#endif
