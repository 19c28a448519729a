/* The proc server as a program of its own: starts serving, hands init's proc
 * port to the boot runner's registry (wildebeest/bootstrap_registry.h), where
 * later programs look it up, and runs until the machine stops. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "proc_server.h"

#define PROC_WORKERS 8

int main(void)
{
	mach_port_t init_port = MACH_PORT_NULL;
	int error = proc_server_start(PROC_WORKERS, &init_port);
	if (error) {
		fprintf(stderr, "proc: cannot start: %s\n", strerror(error));
		return 1;
	}
	int result = bootstrap_registry_register_named(libmach_bootstrap_port, "proc", init_port);
	if (result != 0) {
		fprintf(stderr, "proc: cannot register init's proc port (0x%x)\n", result);
		return 1;
	}
	printf("proc: serving\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
