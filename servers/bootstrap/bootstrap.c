/* The first bootstrap task (module 0). Module 1 is the system-call emulator;
 * every module after it is a static Linux program, started with the loader
 * (lib/loader) with its command line as argv, one at a time: a line per
 * program says how it ended, and the machine powers off with the verdict
 * "pass" when every program was started and exited by itself. */
#include "bootstrap.h"
#include "kern/arguments.h"
#include "loader/loader.h"
#include "lib/kstring.h"
#include "rt/rt.h"

#define EMULATOR_MODULE 1
#define MAX_ARGUMENTS   64
#define FIRST_PID       2 /* the bootstrap is 1 */

/* Hooks for a test build (tests/guest/bootstrap_accounting.c): called before
 * the first program starts and after the last one ended. Nothing by default. */
__attribute__((weak)) void bootstrap_programs_starting(void)
{
}

__attribute__((weak)) void bootstrap_programs_ended(void)
{
}

static char *const environment[] = {"PATH=/bin:/sbin:/usr/bin", "HOME=/", "TERM=dumb", NULL};

static mach_port_t port_argument(int argc, char **argv, const char *key)
{
	size_t length = strlen(key);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], key, length) != 0)
			continue;
		uint64_t value = 0;
		for (const char *digit = argv[i] + length; *digit >= '0' && *digit <= '9'; digit++)
			value = value * 10 + (uint64_t)(*digit - '0');
		return (mach_port_t)value;
	}
	return MACH_PORT_NULL;
}

/* A module whose path (the command line's first word) ends in ".tar" is
 * data for a server (tmpfs's initial tree, read through the device master
 * port), not a program. */
static bool is_data_module(const char *command_line)
{
	size_t length = 0;
	while (command_line[length] && command_line[length] != ' ')
		length++;
	return length > 4 && strncmp(command_line + length - 4, ".tar", 4) == 0;
}

/* Runs one program module to its end; true if it started and exited. */
static bool run_program(const struct boot_module *emulator, struct boot_module *module,
                        mach_port_t device_master, int pid)
{
	static char storage[256];
	static char *words[MAX_ARGUMENTS + 1];
	int argc =
	    arguments_split(module->command_line, storage, sizeof(storage), words, MAX_ARGUMENTS);
	if (argc <= 0) {
		print("bootstrap: module %d: no usable command line\n", pid);
		return false;
	}
	words[argc] = NULL;
	mach_port_t exit_receive, exit_send;
	kern_return_t result = bootstrap_exit_port(&exit_receive, &exit_send);
	if (result != KERN_SUCCESS) {
		print("bootstrap: %s: no exit port (0x%x)\n", words[0], result);
		return false;
	}
	struct loader_program program = {
	    .image = module->data,
	    .image_size = module->size,
	    .emulator = emulator->data,
	    .emulator_size = emulator->size,
	    .argv = words,
	    .envp = environment,
	    .execfn = words[0],
	    .pid = pid,
	    .ppid = 1,
	    .bootstrap = exit_send,
	    .device_master = device_master,
	    .start_flags = EMUL_START_BOOTSTRAP_IS_REGISTRY, /* emul may look proc up */
	};
	mach_port_t task = MACH_PORT_NULL;
	const char *detail = "";
	enum loader_error error = loader_start(mach_task_self(), &program, &task, &result, &detail);
	/* The task holds the exit port's send rights now; ours goes. */
	(void)mach_port_deallocate(mach_task_self(), exit_send);
	if (error == LOADER_MACH_ERROR)
		print("bootstrap: %s: not started: %s (0x%x)\n", words[0], detail, result);
	else if (error != LOADER_OK)
		print("bootstrap: %s: not started: %s\n", words[0], detail);
	if (error != LOADER_OK) {
		(void)mach_port_mod_refs(mach_task_self(), exit_receive, MACH_PORT_RIGHT_RECEIVE,
		                         -1);
		return false;
	}
	struct program_end end;
	result = bootstrap_wait_program(exit_receive, &end);
	(void)mach_port_deallocate(mach_task_self(), task);
	if (result != KERN_SUCCESS) {
		print("bootstrap: %s: waiting failed (0x%x)\n", words[0], result);
		return false;
	}
	if (end.serving) {
		print("bootstrap: %s registered its port and runs on as a server\n", words[0]);
		return true;
	}
	if (!end.exited && end.killed_by) {
		print("bootstrap: %s killed by signal %d\n", words[0], end.killed_by);
		return false;
	}
	if (!end.exited) {
		print("bootstrap: %s ended without an exit status (killed)\n", words[0]);
		return false;
	}
	print("bootstrap: %s exited with status %d\n", words[0], end.status);
	return true;
}

int main(int argc, char **argv)
{
	mach_port_t device_master = port_argument(argc, argv, "--device-master-port=");
	if (!MACH_PORT_VALID(device_master)) {
		print("bootstrap: no device master port in the arguments\n");
		return 1;
	}
	struct boot_module emulator = {0};
	kern_return_t result = bootstrap_read_module(device_master, EMULATOR_MODULE, &emulator);
	if (result != KERN_SUCCESS) {
		print("bootstrap: cannot read the emulator (module 1): 0x%x\n", result);
		return 1;
	}
	unsigned failures = 0, programs = 0;
	bootstrap_programs_starting();
	for (unsigned index = EMULATOR_MODULE + 1;; index++) {
		struct boot_module module = {0};
		result = bootstrap_read_module(device_master, index, &module);
		if (result == D_NO_SUCH_DEVICE)
			break;
		if (result == KERN_SUCCESS && is_data_module(module.command_line)) {
			print("bootstrap: module %u is data, not run: %s\n", index,
			      module.command_line);
			bootstrap_release_module(&module);
			continue;
		}
		programs++;
		if (result != KERN_SUCCESS) {
			print("bootstrap: cannot read module %u: 0x%x\n", index, result);
			failures++;
			continue;
		}
		if (!run_program(&emulator, &module, device_master, FIRST_PID + (int)programs - 1))
			failures++;
		bootstrap_release_module(&module);
	}
	bootstrap_programs_ended();
	bootstrap_release_module(&emulator);
	print("bootstrap: %u programs run, %u failed to start or to exit\n", programs, failures);
	return failures ? 1 : 0;
}
