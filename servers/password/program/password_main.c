/* The password server as a program of its own: takes the root directory and
 * a root auth handle (init ports, or "root" and "auth" from the boot runner's
 * registry), registers its server port as "password" and serves. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <hurd/hurd_types.h>
#include <wildebeest/native.h>
#include "password_server.h"

#define PASSWORD_WORKERS 4

/* The init port which, or the registry's port under name. */
static mach_port_t find_port(int which, const char *name)
{
	mach_port_t port = native_get_init_port(which);
	if (MACH_PORT_VALID(port))
		return port;
	port = MACH_PORT_NULL;
	if (MACH_PORT_VALID(libmach_bootstrap_port) &&
	    bootstrap_registry_lookup_named(libmach_bootstrap_port, name, &port) == 0 &&
	    MACH_PORT_VALID(port))
		return port;
	fprintf(stderr, "password: no %s port (no init port, none registered as \"%s\")\n", name,
	        name);
	return MACH_PORT_NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		FILE *stream = strcmp(argv[1], "--help") == 0 ? stdout : stderr;
		fprintf(stream,
		        "Usage: password\n"
		        "Checks passwords against /etc/passwd, /etc/shadow, /etc/group and\n"
		        "/etc/gshadow of the root file system and gives auth handles\n"
		        "(password.defs); registers as \"password\".\n");
		return stream == stdout ? 0 : 64;
	}
	mach_port_t root = find_port(INIT_PORT_CRDIR, "root");
	mach_port_t auth = find_port(INIT_PORT_AUTH, "auth");
	if (!MACH_PORT_VALID(root) || !MACH_PORT_VALID(auth))
		return 1;
	mach_port_t server = MACH_PORT_NULL;
	int error = password_server_start(PASSWORD_WORKERS, root, auth, &server);
	if (error) {
		fprintf(stderr, "password: cannot start: %s\n", strerror(error));
		return 1;
	}
	int result = MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(libmach_bootstrap_port))
		result =
		    bootstrap_registry_register_named(libmach_bootstrap_port, "password", server);
	if (result != 0) {
		fprintf(stderr, "password: cannot register as \"password\" (0x%x)\n", result);
		return 1;
	}
	printf("password: serving\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
