/* The auth server as a program of its own: starts serving, hands its root
 * handle to the boot runner's registry (wildebeest/bootstrap_registry.h),
 * where later programs look it up, and runs until the machine stops. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry.h>
#include "auth_server.h"

#define AUTH_WORKERS 8

static kern_return_t register_root(mach_port_t root)
{
	struct bootstrap_port_message message = {
	    .header = {.msgh_bits =
	                   MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = libmach_bootstrap_port,
	               .msgh_id = BOOTSTRAP_REGISTER_ID},
	    .port_type = {.msgt_name = MACH_MSG_TYPE_MOVE_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = 1},
	    .port = root,
	};
	return mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	                MACH_PORT_NULL, 10000, MACH_PORT_NULL);
}

int main(void)
{
	mach_port_t root = MACH_PORT_NULL;
	int error = auth_server_start(AUTH_WORKERS, &root);
	if (error) {
		fprintf(stderr, "auth: cannot start: %s\n", strerror(error));
		return 1;
	}
	kern_return_t result = MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(libmach_bootstrap_port))
		result = register_root(root);
	if (result != MACH_MSG_SUCCESS) {
		fprintf(stderr, "auth: cannot register the root handle (0x%x)\n", result);
		return 1;
	}
	printf("auth: serving\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
