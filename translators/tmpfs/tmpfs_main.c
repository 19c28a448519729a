/* tmpfs, the program: options, the auth and exec servers from the boot
 * runner's registry, the initial tree from a boot module, and the root
 * directory registered as "root"; then it serves until fsys_goaway. */
#include "tmpfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

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
	/* Both are looked up before "root" is registered: the runner answers
	 * lookups only while it waits for this program. */
	mach_port_t auth = registered("auth", "io_reauthenticate and translators will fail");
	mach_port_t exec = registered("exec", "file_exec and passive translators will fail");
	struct netfs_config config = {
	    .name = "tmpfs",
	    .max_workers = 8,
	    .hooks = &tmpfs_hooks,
	    .auth = auth,
	    .exec = exec,
	    .translator_timeout_ms = tmpfs.options.translator_timeout_ms,
	    .start_translator = NULL,
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
	uint32_t root_id = 0;
	struct iohelp_identity root_identity;
	mach_port_t root = MACH_PORT_NULL;
	error = iohelp_identity_make(&root_identity, &root_id, 1, &root_id, 1);
	if (!error)
		error = netfs_root_port(tmpfs.fs, &root_identity, HURD_O_READ, &root);
	if (!error)
		error = bootstrap_registry_register_named(libmach_bootstrap_port, "root", root);
	if (error) {
		fprintf(stderr, "tmpfs: cannot register the root directory: %s\n", strerror(error));
		return 1;
	}
	printf("tmpfs: serving (%llu bytes in use of %s)\n", (unsigned long long)tmpfs.space.used,
	       tmpfs.space.limit ? "the limit" : "no limit");
	fflush(stdout);
	netfs_wait_gone(tmpfs.fs);
	printf("tmpfs: gone\n");
	return 0;
}
