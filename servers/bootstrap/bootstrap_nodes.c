/* Servers reachable by path: the bootstrap attaches a control port of its own
 * as the active translator of /servers/pipe, /servers/password, /dev/console
 * and /dev/tty (file_set_translator), and answers fsys_getroot on it with the
 * port the server registered, so a lookup of the node gives that port. */
#include <hurd/hurd_types.h>
#include <timed_fs.h>
#include "bootstrap_herd.h"
#include "fsys_server.h"
#include "lib/kstring.h"
#include "rt/rt.h"

/* A node of the root file system and the registry name whose port it gives. */
static struct herd_node {
	const char *path; /* relative to the root */
	const char *server;
	mach_port_t control; /* our receive right, its translator's control port */
} nodes[] = {
    {"servers/pipe", "pipe", MACH_PORT_NULL},
    {"servers/password", "password", MACH_PORT_NULL},
    {"dev/console", "term", MACH_PORT_NULL},
    {"dev/tty", "term", MACH_PORT_NULL},
};
#define NODE_COUNT (sizeof(nodes) / sizeof(nodes[0]))

bool herd_is_node_port(mach_port_t port)
{
	for (unsigned i = 0; i < NODE_COUNT; i++)
		if (MACH_PORT_VALID(port) && nodes[i].control == port)
			return true;
	return false;
}

static void drop_control(struct herd_node *node)
{
	(void)mach_port_mod_refs(mach_task_self(), node->control, MACH_PORT_RIGHT_RECEIVE, -1);
	node->control = MACH_PORT_NULL;
}

/* Sets node's translator to a new control port of ours; an errno value or
 * 0, or -1 when the port could not be made (Mach's error printed). */
static int attach(struct herd_node *node, mach_port_t root, mach_port_t port_set)
{
	kern_return_t result =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &node->control);
	if (result == KERN_SUCCESS)
		result = mach_port_move_member(mach_task_self(), node->control, port_set);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: /%s: %s not attached: no port (0x%x)\n", node->path,
		      node->server, result);
		if (MACH_PORT_VALID(node->control))
			drop_control(node);
		return -1;
	}
	retry_type retry = 0;
	static char retry_name[4096];
	mach_port_t file = MACH_PORT_NULL;
	result = timed_dir_lookup(root, HERD_RPC_TIMEOUT_MS, node->path, HURD_O_NOTRANS, 0, &retry,
	                          retry_name, &file);
	if (result == KERN_SUCCESS && (retry != FS_RETRY_NORMAL || retry_name[0] != '\0'))
		result = 20; /* ENOTDIR: the path leaves the root file system */
	if (result == KERN_SUCCESS)
		result = timed_file_set_translator(file, HERD_RPC_TIMEOUT_MS, 0, FS_TRANS_SET, 0,
		                                   NULL, 0, node->control, MACH_MSG_TYPE_MAKE_SEND);
	if (MACH_PORT_VALID(file))
		(void)mach_port_deallocate(mach_task_self(), file);
	if (result != KERN_SUCCESS)
		drop_control(node);
	return (int)result;
}

void herd_attach_nodes(mach_port_t port_set)
{
	mach_port_t root = bootstrap_registry_find("root");
	if (!MACH_PORT_VALID(root))
		return;
	for (unsigned i = 0; i < NODE_COUNT; i++) {
		if (!MACH_PORT_VALID(bootstrap_registry_find(nodes[i].server)))
			continue; /* its own line said why it is not running */
		int error = attach(&nodes[i], root, port_set);
		if (error > 0)
			print("bootstrap: herd: /%s: %s not attached: %s (%d)\n", nodes[i].path,
			      nodes[i].server, herd_error_text(error), error);
	}
}

/* fsys_getroot on a node's control port: the server's port, whoever asks
 * (the servers check their clients themselves). */
kern_return_t S_fsys_getroot(fsys_t fsys, const_idarray_t gen_uids,
                             mach_msg_type_number_t gen_uidsCnt, const_idarray_t gen_gids,
                             mach_msg_type_number_t gen_gidsCnt, int flags, retry_type *do_retry,
                             path_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	(void)gen_uids, (void)gen_uidsCnt, (void)gen_gids, (void)gen_gidsCnt, (void)flags;
	for (unsigned i = 0; i < NODE_COUNT; i++) {
		if (nodes[i].control != fsys || !MACH_PORT_VALID(fsys))
			continue;
		mach_port_t port = bootstrap_registry_find(nodes[i].server);
		mach_port_type_t type = 0;
		if (!MACH_PORT_VALID(port) ||
		    mach_port_type(mach_task_self(), port, &type) != KERN_SUCCESS ||
		    !(type & MACH_PORT_TYPE_SEND))
			return 5; /* EIO: the server is gone */
		*do_retry = FS_RETRY_NORMAL;
		retry_name[0] = '\0';
		*file = port;
		*filePoly = MACH_MSG_TYPE_COPY_SEND;
		return KERN_SUCCESS;
	}
	return 95; /* EOPNOTSUPP */
}
