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

char *const bootstrap_environment[] = {"PATH=/bin:/sbin:/usr/bin", "HOME=/", "TERM=dumb", NULL};

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
bool bootstrap_is_data_module(const char *command_line)
{
	size_t length = 0;
	while (command_line[length] && command_line[length] != ' ')
		length++;
	return length > 4 && strncmp(command_line + length - 4, ".tar", 4) == 0;
}

bool bootstrap_split_command_line(const char *command_line, struct program_words *words)
{
	words->argc = arguments_split(command_line, words->storage, sizeof(words->storage),
	                              words->argv, MAX_ARGUMENTS);
	if (words->argc <= 0)
		return false;
	words->argv[words->argc] = NULL;
	return true;
}

/* Runs one program module to its end; true if it started and exited. */
static bool run_program(const struct boot_module *emulator, struct boot_module *module,
                        mach_port_t device_master, int pid)
{
	static struct program_words split;
	if (!bootstrap_split_command_line(module->command_line, &split)) {
		print("bootstrap: module %d: no usable command line\n", pid);
		return false;
	}
	char **words = split.argv;
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
	    .envp = bootstrap_environment,
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

static unsigned number_argument(const char *text)
{
	unsigned value = 0;
	for (; *text >= '0' && *text <= '9' && value < 100000000; text++)
		value = value * 10 + (unsigned)(*text - '0');
	return value;
}

/* "--herd [--quiet] [--server-timeout=MS] [init=PATH ARG...]": the herd mode's options
 * (the kernel's two port words, appended last, are not init's). */
static bool herd_arguments(int argc, char **argv, struct herd_options *options)
{
	static char *init_argv[MAX_ARGUMENTS + 1];
	bool herd = false;
	options->server_timeout_ms = 20000;
	options->quiet = false;
	options->init_path = "/sbin/init";
	init_argv[0] = "/sbin/init";
	init_argv[1] = NULL;
	options->init_argv = init_argv;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--herd") == 0)
			herd = true;
		else if (strcmp(argv[i], "--quiet") == 0)
			options->quiet = true;
		else if (strncmp(argv[i], "--server-timeout=", 17) == 0)
			options->server_timeout_ms = number_argument(argv[i] + 17);
		else if (strncmp(argv[i], "init=", 5) == 0) {
			options->init_path = argv[i] + 5;
			int count = 0;
			init_argv[count++] = argv[i] + 5;
			for (i++; i < argc && count < MAX_ARGUMENTS; i++) {
				if (strncmp(argv[i], "--host-priv-port=", 17) == 0 ||
				    strncmp(argv[i], "--device-master-port=", 21) == 0)
					break;
				init_argv[count++] = argv[i];
			}
			init_argv[count] = NULL;
			i--;
		}
	}
	return herd;
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
	struct herd_options herd;
	if (herd_arguments(argc, argv, &herd)) {
		int verdict = bootstrap_herd(device_master, &emulator, &herd);
		bootstrap_release_module(&emulator);
		return verdict;
	}
	unsigned failures = 0, programs = 0;
	bootstrap_programs_starting();
	for (unsigned index = EMULATOR_MODULE + 1;; index++) {
		struct boot_module module = {0};
		result = bootstrap_read_module(device_master, index, &module);
		if (result == D_NO_SUCH_DEVICE)
			break;
		if (result == KERN_SUCCESS && bootstrap_is_data_module(module.command_line)) {
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
