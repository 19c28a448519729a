/* The pipe server as a program of its own: starts serving and hands its
 * server port to the boot runner's registry as "pipe", where later programs
 * (the emulator's pipe2) look it up, and runs until the machine stops. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "pipe_server.h"

#define PIPE_WORKERS 8

static void usage(FILE *stream)
{
	fprintf(stream,
	        "Usage: pipe [--max-pipes=N]\n"
	        "Serves anonymous pipes (pipe.defs) and registers as \"pipe\".\n"
	        "  --max-pipes=N  pipes kept at once, 1 to 65536 (default %d)\n",
	        PIPE_DEFAULT_MAX_PIPES);
}

int main(int argc, char **argv)
{
	unsigned max_pipes = PIPE_DEFAULT_MAX_PIPES;
	for (int i = 1; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strncmp(argv[i], "--max-pipes=", 12) == 0) {
			errno = 0;
			unsigned long value = strtoul(argv[i] + 12, &end, 10);
			if (errno || *end || end == argv[i] + 12 || value < 1 || value > 65536) {
				fprintf(stderr, "pipe: bad --max-pipes: %s\n", argv[i] + 12);
				return 64;
			}
			max_pipes = (unsigned)value;
		} else {
			fprintf(stderr, "pipe: unknown argument: %s\n", argv[i]);
			usage(stderr);
			return 64;
		}
	}
	mach_port_t server = MACH_PORT_NULL;
	int error = pipe_server_start(PIPE_WORKERS, max_pipes, &server);
	if (error) {
		fprintf(stderr, "pipe: cannot start: %s\n", strerror(error));
		return 1;
	}
	int result = MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(libmach_bootstrap_port))
		result = bootstrap_registry_register_named(libmach_bootstrap_port, "pipe", server);
	if (result != 0) {
		fprintf(stderr, "pipe: cannot register as \"pipe\" (0x%x)\n", result);
		return 1;
	}
	printf("pipe: serving (at most %u pipes)\n", max_pipes);
	fflush(stdout);
	for (;;)
		sleep(3600);
}
