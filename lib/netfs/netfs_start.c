/* lib/netfs: starting a passive translator for lib/fshelp — the program is
 * found in this file system (an absolute name from its root, searched and
 * executed as the node's owner), then fshelp_start_translator runs it
 * through the exec server with the owner's identity. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fshelp_start.h>

/* The node of path from the root, as identity may reach it (lock held):
 * components searched, no translators crossed, relative links followed up
 * to NETFS_SYMLINK_MAX. */
static int find_program(struct netfs *fs, const struct netfs_protid *as, const char *name,
                        struct netfs_node **result)
{
	char *path = malloc(HURD_PATH_MAX), *target = malloc(HURD_PATH_MAX);
	int error = path && target ? 0 : ENOMEM;
	if (!error && strnlen(name, HURD_PATH_MAX) >= HURD_PATH_MAX)
		error = ENAMETOOLONG;
	if (error) {
		free(path);
		free(target);
		return error;
	}
	strcpy(path, name);
	struct netfs_node *dir = fs->root, *next = NULL;
	netfs_node_ref(dir);
	unsigned links = 0;
	for (;;) {
		char component[NETFS_NAME_MAX + 1];
		const char *rest;
		error = netfs_next_component(path, component, &rest);
		if (error)
			break; /* a name that ends in a directory, or an empty one */
		if (!netfs_is_dir(dir))
			error = ENOTDIR;
		else if (!(netfs_access(as, dir) & NETFS_ACCESS_EXEC))
			error = EACCES;
		else if (strcmp(component, ".") == 0 || strcmp(component, "..") == 0)
			error = EINVAL; /* a program's name is plain */
		else
			error = fs->config.hooks->lookup(fs, dir, component, &next);
		if (error)
			break;
		if (fshelp_translator_present(&next->translator)) {
			netfs_node_release(next);
			error = EXDEV; /* behind another translator: not ours to read */
			break;
		}
		if (netfs_is_symlink(next)) {
			error = ++links > NETFS_SYMLINK_MAX
			            ? ELOOP
			            : fs->config.hooks->readlink(fs, next, target, HURD_PATH_MAX);
			netfs_node_release(next);
			if (!error && target[0] == '/')
				error = EXDEV;
			if (!error)
				error = netfs_join_path(target, HURD_PATH_MAX, target, rest);
			if (error)
				break;
			strcpy(path, target);
			continue;
		}
		netfs_node_release(dir);
		dir = next;
		if (*rest == '\0') {
			*result = dir;
			free(path);
			free(target);
			return 0;
		}
		memmove(path, rest, strlen(rest) + 1);
	}
	netfs_node_release(dir);
	free(path);
	free(target);
	return error == ENOENT ? ENOENT : error;
}

int netfs_start_translator(void *context, const char *argz, size_t argz_length, uint32_t uid,
                           uint32_t gid, mach_port_t auth, mach_port_t realnode, int realnode_flags,
                           unsigned timeout_ms, mach_port_t *control, mach_port_t *task)
{
	struct netfs *fs = context;
	if (argz_length == 0 || argz[argz_length - 1] != '\0')
		return EINVAL;
	struct netfs_protid as = {.fs = fs};
	int error = iohelp_identity_make(&as.identity, &uid, 1, &gid, 1);
	if (error)
		return error;
	struct netfs_protid *program = NULL, *root = NULL;
	struct netfs_node *node = NULL;
	pthread_mutex_lock(&fs->lock);
	error = find_program(fs, &as, argz, &node);
	if (!error && (node->stat.mode & S_IFMT) != S_IFREG)
		error = EACCES;
	else if (!error && !(netfs_access(&as, node) & NETFS_ACCESS_EXEC))
		error = EACCES;
	if (!error)
		error = netfs_protid_create(fs, node, NULL, HURD_O_READ | HURD_O_EXEC, &as.identity,
		                            &program);
	if (!error)
		error = netfs_protid_create(fs, fs->root, NULL, HURD_O_READ, &as.identity, &root);
	if (node)
		netfs_node_release(node);
	pthread_mutex_unlock(&fs->lock);
	mach_port_t file = MACH_PORT_NULL, root_port = MACH_PORT_NULL;
	if (!error && (ports_get_send_right(program, &file) != KERN_SUCCESS ||
	               ports_get_send_right(root, &root_port) != KERN_SUCCESS))
		error = ENOMEM;
	if (program)
		ports_object_release(program);
	if (root)
		ports_object_release(root);
	if (!error) {
		mach_port_t init_ports[INIT_PORT_MAX] = {
		    [INIT_PORT_CWDIR] = root_port,
		    [INIT_PORT_CRDIR] = root_port,
		    [INIT_PORT_AUTH] = auth,
		};
		struct fshelp_start_request request = {
		    .exec_server = fs->config.exec,
		    .file = file,
		    .argz = argz,
		    .argz_length = argz_length,
		    .init_ports = init_ports,
		    .init_port_count = INIT_PORT_MAX,
		    .underlying = realnode,
		    .underlying_flags = realnode_flags,
		    .timeout_ms = timeout_ms,
		};
		error = fshelp_start_translator(&request, control, task);
	}
	if (MACH_PORT_VALID(file))
		(void)mach_port_deallocate(mach_task_self(), file);
	if (MACH_PORT_VALID(root_port))
		(void)mach_port_deallocate(mach_task_self(), root_port);
	return error;
}
