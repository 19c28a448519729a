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
	netfs_wait_gone(procfs.fs);
	return 0;
}
