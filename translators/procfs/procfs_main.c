/* procfs, the program: `procfs NODE` serves a read-only /proc from proc's
 * records and attaches itself to NODE as its active translator (the way the
 * bootstrap attaches servers), then serves until fsys_goaway. It runs as an
 * ordinary process (its proc port is its own, from exec) started by init. */
#include "procfs.h"
#include "utils_node.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/hurd_types.h>
#include <timed_fs.h>
#include <wildebeest/native.h>

#define PROCFS_USAGE                                                                               \
	"Usage: procfs NODE\n"                                                                     \
	"Serve a read-only /proc (pid directories with stat, status, cmdline, comm;\n"             \
	"uptime, meminfo, loadavg) from the proc server, attached to NODE.\n"

/* NODE's own node (no translator crossed) gets our control port. */
static int attach(struct utils_session *session, const char *node_name, mach_port_t control)
{
	mach_port_t node;
	int error = utils_open_node(session, node_name, HURD_O_NOTRANS, 0, &node);
	if (error)
		return error;
	error = lookup_rpc_error(timed_file_set_translator(node, UTILS_RPC_TIMEOUT_MS, 0,
	                                                   FS_TRANS_SET | FS_TRANS_EXCL, 0, NULL, 0,
	                                                   control, MACH_MSG_TYPE_COPY_SEND));
	lookup_release(node);
	if (error)
		utils_report(session, node_name, "attaching", error);
	return error;
}

/* Gives up every send right to the port whose name is bootstrap. */
static void release_all(mach_port_t bootstrap)
{
	mach_port_urefs_t references = 0;
	if (MACH_PORT_VALID(bootstrap) &&
	    mach_port_get_refs(mach_task_self(), bootstrap, MACH_PORT_RIGHT_SEND, &references) ==
	        KERN_SUCCESS &&
	    references > 0)
		(void)mach_port_mod_refs(mach_task_self(), bootstrap, MACH_PORT_RIGHT_SEND,
		                         -(mach_port_delta_t)references);
}

/* A daemon's detaching: the starter (the herd's bootstrap, or the first
 * bootstrap for a boot-module shell) learns that a program and all it
 * started have ended when the last send right to the bootstrap port it gave
 * goes, which the task's special port and the init port (one name) hold.
 * procfs outlives its starter, so it drops them once it serves (its own
 * exit status then goes nowhere). */
static void detach_from_starter(void)
{
	mach_port_t self = mach_task_self(), special = MACH_PORT_NULL;
	mach_port_t given = native_get_init_port(INIT_PORT_BOOTSTRAP);
	if (task_get_special_port(self, TASK_BOOTSTRAP_PORT, &special) == KERN_SUCCESS &&
	    MACH_PORT_VALID(special)) {
		(void)task_set_special_port(self, TASK_BOOTSTRAP_PORT, MACH_PORT_NULL);
		release_all(special);
	}
	release_all(given);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("%s", PROCFS_USAGE);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "procfs: bad arguments\n%s", PROCFS_USAGE);
		return 64;
	}
	static struct procfs procfs;
	procfs.proc = native_get_init_port(INIT_PORT_PROC);
	if (!MACH_PORT_VALID(procfs.proc)) {
		fprintf(stderr, "procfs: no proc port: not started as a process\n");
		return 1;
	}
	struct utils_session session;
	if (utils_session_open(&session, "procfs") != 0)
		return 1;
	struct netfs_config config = {
	    .name = "procfs",
	    .max_workers = 4,
	    .hooks = &procfs_hooks,
	    .auth = native_get_init_port(INIT_PORT_AUTH),
	    .root_mode = S_IFDIR | 0555,
	    .server = &procfs,
	};
	static struct procfs_node root_data = {.kind = PROCFS_ROOT};
	int error = netfs_create(&config, &procfs.fs);
	if (error) {
		fprintf(stderr, "procfs: cannot start: %s\n", strerror(error));
		return 1;
	}
	netfs_root(procfs.fs)->data = &root_data;
	mach_port_t control;
	error = netfs_control_port(procfs.fs, &control);
	if (!error)
		error = attach(&session, argv[1], control);
	else
		fprintf(stderr, "procfs: no control port: %s\n", strerror(error));
	utils_session_close(&session);
	if (error)
		return 1;
	lookup_release(control);
	detach_from_starter();
	netfs_wait_gone(procfs.fs);
	return 0;
}
