/* The auth server as a program of its own: starts serving, hands its root
 * handle to the boot runner's registry as "auth" (bootstrap_registry.h),
 * where later programs look it up, and runs until the machine stops. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "auth_server.h"

#define AUTH_WORKERS 8

int main(void)
{
	mach_port_t root = MACH_PORT_NULL;
	int error = auth_server_start(AUTH_WORKERS, &root);
	if (error) {
		fprintf(stderr, "auth: cannot start: %s\n", strerror(error));
		return 1;
	}
	int result = MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(libmach_bootstrap_port))
		result = bootstrap_registry_register_named(libmach_bootstrap_port, "auth", root);
	if (result != 0) {
		fprintf(stderr, "auth: cannot register the root handle as \"auth\" (0x%x)\n",
		        result);
		return 1;
	}
	printf("auth: serving\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
