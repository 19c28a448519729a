/* tmpfs, the program: options; as a boot module the auth and exec servers
 * from the boot runner's registry and the root directory registered as
 * "root", or as a translator fsys_startup to its parent; the initial tree
 * from a boot module; then it serves until fsys_goaway. */
#include "tmpfs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/fsys.h>
#include <hurd/io.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>

/* A port of the registry, or MACH_PORT_NULL with a note why. */
static mach_port_t registered(const char *name, const char *without)
{
	mach_port_t port = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, name, &port);
	if (error) {
		fprintf(stderr, "tmpfs: no \"%s\" in the boot runner's registry (%s): %s\n", name,
		        error == ESRCH ? "not registered" : "lookup failed", without);
		return MACH_PORT_NULL;
	}
	return port;
}

/* Started by a parent file system (INIT_PORT_BOOTSTRAP): fsys_startup hands
 * it the control port; the root directory takes the node underneath's owner,
 * group and permissions (under the lock, so that no fsys_getroot sees the
 * defaults). */
static int start_as_translator(struct tmpfs *tmpfs, mach_port_t bootstrap)
{
	mach_port_t control, underlying = MACH_PORT_NULL;
	int error = netfs_control_port(tmpfs->fs, &control);
	if (error)
		return error;
	pthread_mutex_lock(netfs_lock(tmpfs->fs));
	kern_return_t kr =
	    fsys_startup(bootstrap, HURD_O_READ, control, MACH_MSG_TYPE_MOVE_SEND, &underlying);
	io_statbuf_t st;
	if (kr == KERN_SUCCESS && MACH_PORT_VALID(underlying) && io_stat(underlying, &st) == 0) {
		struct netfs_node *root = netfs_root(tmpfs->fs);
		root->stat.uid = st.uid;
		root->stat.gid = st.gid;
		root->stat.mode = S_IFDIR | (st.mode & 07777);
	}
	pthread_mutex_unlock(netfs_lock(tmpfs->fs));
	if (kr != KERN_SUCCESS)
		(void)mach_port_deallocate(mach_task_self(), control);
	if (MACH_PORT_VALID(underlying))
		(void)mach_port_deallocate(mach_task_self(), underlying);
	return kr == KERN_SUCCESS ? 0 : EIO;
}

/* A boot module: the root directory, for root, goes to the boot runner's
 * registry as "root". */
static int start_as_root_file_system(struct tmpfs *tmpfs)
{
	uint32_t root_id = 0;
	struct iohelp_identity root_identity;
	mach_port_t root = MACH_PORT_NULL;
	int error = iohelp_identity_make(&root_identity, &root_id, 1, &root_id, 1);
	if (!error)
		error = netfs_root_port(tmpfs->fs, &root_identity, HURD_O_READ, &root);
	if (!error)
		error = bootstrap_registry_register_named(libmach_bootstrap_port, "root", root);
	return error;
}

int main(int argc, char **argv)
{
	static struct tmpfs tmpfs;
	tmpfs_options_default(&tmpfs.options);
	if (tmpfs_options_apply(&tmpfs.options, argc - 1, argv + 1, false) != 0) {
		fprintf(stderr, "tmpfs: bad arguments\n%s", TMPFS_USAGE);
		return 64;
	}
	if (tmpfs.options.help) {
		printf("%s", TMPFS_USAGE);
		return 0;
	}
	tmpfs.space.limit = tmpfs.options.size_limit;
	/* A translator's identity is its INIT_PORT_AUTH; a boot module looks
	 * "auth" and "exec" up before it registers "root" (the runner answers
	 * lookups only while it waits for this program). A translator has no
	 * exec server: passive translators below it cannot start. */
	mach_port_t parent = native_get_init_port(INIT_PORT_BOOTSTRAP);
	bool translator = MACH_PORT_VALID(parent);
	mach_port_t auth = translator
	                       ? native_get_init_port(INIT_PORT_AUTH)
	                       : registered("auth", "io_reauthenticate and translators will fail");
	mach_port_t exec = translator
	                       ? MACH_PORT_NULL
	                       : registered("exec", "file_exec and passive translators will fail");
	struct netfs_config config = {
	    .name = "tmpfs",
	    .max_workers = 8,
	    .hooks = &tmpfs_hooks,
	    .auth = auth,
	    .exec = exec,
	    .translator_timeout_ms = tmpfs.options.translator_timeout_ms,
	    .root_mode = S_IFDIR | 0755,
	    .root_uid = 0,
	    .root_gid = 0,
	    .server = &tmpfs,
	};
	int error = netfs_create(&config, &tmpfs.fs);
	if (!error)
		error = tmpfs_init_root(&tmpfs);
	if (error) {
		fprintf(stderr, "tmpfs: cannot start: %s\n", strerror(error));
		return 1;
	}
	if (tmpfs.options.archive[0] && tmpfs_load_archive(&tmpfs, tmpfs.options.archive) != 0)
		return 1;
	error =
	    translator ? start_as_translator(&tmpfs, parent) : start_as_root_file_system(&tmpfs);
	if (error) {
		fprintf(stderr, "tmpfs: cannot %s: %s\n",
		        translator ? "answer fsys_startup" : "register the root directory",
		        strerror(error));
		return 1;
	}
	printf("tmpfs: serving %s (%llu bytes in use of %s)\n",
	       translator ? "as a translator" : "as the root file system",
	       (unsigned long long)tmpfs.space.used, tmpfs.space.limit ? "the limit" : "no limit");
	fflush(stdout);
	netfs_wait_gone(tmpfs.fs);
	printf("tmpfs: gone\n");
	return 0;
}
