/* The exec server as a program: exec [--file-timeout=MS]. Reads the emulator
 * (boot module 1) once, serves exec.defs and registers as "exec" with the
 * boot runner's registry, then runs until the machine stops. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>
#include "exec_module.h"
#include "exec_server.h"
#include "loader/loader_image.h"

#define EXEC_WORKERS    8
#define EMULATOR_MODULE 1
#define EXEC_USAGE      "Usage: exec [--file-timeout=MS]\n"

/* The options: 0, or 64 (usage) after printing why. */
static int parse_options(int argc, char **argv, mach_msg_timeout_t *file_wait_ms)
{
	for (int i = 1; i < argc; i++) {
		const char *option = argv[i];
		if (strcmp(option, "--help") == 0) {
			fputs(EXEC_USAGE, stdout);
			exit(0);
		}
		if (strncmp(option, "--file-timeout=", 15) == 0) {
			char *end;
			unsigned long value = strtoul(option + 15, &end, 10);
			if (*end == '\0' && value > 0 && value <= 600000) {
				*file_wait_ms = (mach_msg_timeout_t)value;
				continue;
			}
		}
		fprintf(stderr, "exec: bad option %s\n%s", option, EXEC_USAGE);
		return 64;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct exec_server_config config = {.max_workers = EXEC_WORKERS};
	int status = parse_options(argc, argv, &config.file_wait_ms);
	if (status)
		return status;
	mach_port_t device_master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	if (!MACH_PORT_VALID(device_master)) {
		fprintf(stderr, "exec: no device master port: cannot read the emulator\n");
		return 1;
	}
	void *emulator = NULL;
	size_t emulator_size = 0;
	char line[256];
	kern_return_t result = exec_module_read(device_master, EMULATOR_MODULE, &emulator,
	                                        &emulator_size, line, sizeof(line));
	(void)mach_port_deallocate(mach_task_self(), device_master);
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "exec: cannot read the emulator (module 1): 0x%x\n", result);
		return 1;
	}
	struct emul_image_header header;
	const char *refusal = loader_check_emulator(emulator, emulator_size, &header);
	if (refusal) {
		fprintf(stderr, "exec: module 1 is not the emulator: %s\n", refusal);
		return 1;
	}
	config.emulator = emulator;
	config.emulator_size = emulator_size;
	mach_port_t port = MACH_PORT_NULL;
	int error = exec_server_start(&config, &port);
	if (error) {
		fprintf(stderr, "exec: cannot start: %s\n", strerror(error));
		return 1;
	}
	int registered = bootstrap_registry_register_named(libmach_bootstrap_port, "exec", port);
	if (registered != 0) {
		fprintf(stderr, "exec: cannot register as \"exec\" (0x%x)\n", registered);
		return 1;
	}
	printf("exec: serving\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
