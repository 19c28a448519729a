/* Starting init in herd mode: its program looked up in the root file system
 * (dir_lookup), a task made and given a pid and a proc port by proc, then
 * loaded by the exec server with the init ports. */
#include <hurd/hurd_types.h>
#include <timed_exec.h>
#include <timed_fs.h>
#include <timed_proc.h>
#include "bootstrap.h"
#include "bootstrap_herd.h"
#include "lib/format.h"
#include "lib/kstring.h"
#include "rt/rt.h"

/* A few errno values by name (Linux's numbers, as the servers answer). */
const char *herd_error_text(int error)
{
	switch (error) {
	case 1:
		return "Operation not permitted";
	case 5:
		return "Input/output error";
	case 16:
		return "Device or resource busy";
	case 2:
		return "No such file or directory";
	case 8:
		return "Exec format error";
	case 13:
		return "Permission denied";
	case 20:
		return "Not a directory";
	case 22:
		return "Invalid argument";
	case 95:
		return "Operation not supported";
	case 110:
		return "Connection timed out";
	default:
		return "error";
	}
}

/* words as an argz vector (each NUL-terminated, one after another). */
static size_t argz_of(char *const *words, char *argz, size_t size)
{
	size_t used = 0;
	for (; *words != NULL; words++) {
		size_t length = strlen(*words) + 1;
		if (used + length > size)
			return 0;
		memcpy(argz + used, *words, length);
		used += length;
	}
	return used;
}

static void release(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port);
}

int herd_start_init(struct herd_member *init, const struct herd_options *options, char *pid_list)
{
	const char *path = options->init_path;
	mach_port_t root = bootstrap_registry_find("root");
	mach_port_t exec = bootstrap_registry_find("exec");
	mach_port_t auth = bootstrap_registry_find("auth");
	mach_port_t proc = bootstrap_registry_find("proc");
	if (path[0] != '/') {
		print("bootstrap: herd: init %s: not an absolute name\n", path);
		return 1;
	}
	const char *relative = path;
	while (*relative == '/')
		relative++;
	retry_type retry = 0;
	static char retry_name[4096];
	mach_port_t file = MACH_PORT_NULL;
	kern_return_t result =
	    timed_dir_lookup(root, HERD_RPC_TIMEOUT_MS, relative, HURD_O_READ | HURD_O_EXEC, 0,
	                     &retry, retry_name, &file);
	if (result == KERN_SUCCESS && (retry != FS_RETRY_NORMAL || retry_name[0] != '\0')) {
		print("bootstrap: herd: init %s: not started: its name crosses a translator or "
		      "link, which the bootstrap does not follow\n",
		      path);
		release(file);
		return 1;
	}
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: init %s: not started: %s (%d)\n", path,
		      herd_error_text(result), result);
		return 1;
	}
	mach_port_t task = MACH_PORT_NULL;
	result = task_create(mach_task_self(), FALSE, &task);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: init %s: no task (0x%x)\n", path, result);
		release(file);
		return 1;
	}
	init->task = task;
	herd_name_task(task, path);
	herd_give_pid(init);
	mach_port_t init_proc = MACH_PORT_NULL;
	if (init->pid > 0 &&
	    timed_proc_task2proc(proc, HERD_RPC_TIMEOUT_MS, task, &init_proc) != KERN_SUCCESS)
		init_proc = MACH_PORT_NULL;
	mach_port_t bootstrap_send = MACH_PORT_NULL;
	result = herd_member_port(init, &bootstrap_send);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: init %s: no bootstrap port (0x%x)\n", path, result);
		(void)task_terminate(task);
		release(file);
		release(init_proc);
		return 1;
	}
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_CWDIR] = root;
	ports[INIT_PORT_CRDIR] = root;
	ports[INIT_PORT_AUTH] = auth;
	ports[INIT_PORT_PROC] = init_proc;
	ports[INIT_PORT_CTTYID] = bootstrap_registry_find("term");
	/* Its descriptors 0-2 are the terminal when term runs, else the console. */
	mach_port_t fds[3] = {ports[INIT_PORT_CTTYID], ports[INIT_PORT_CTTYID],
	                      ports[INIT_PORT_CTTYID]};
	mach_msg_type_number_t fd_count = MACH_PORT_VALID(fds[0]) ? 3 : 0;
	ports[INIT_PORT_BOOTSTRAP] = bootstrap_send;
	static char argv[4096], envp[1024];
	size_t argv_size = argz_of(options->init_argv, argv, sizeof(argv));
	char *environment[] = {bootstrap_environment[0], bootstrap_environment[1],
	                       bootstrap_environment[2], pid_list, NULL};
	size_t envp_size = argz_of(environment, envp, sizeof(envp));
	if (argv_size == 0 || envp_size == 0)
		result = 22;
	else
		result =
		    timed_exec_exec(exec, HERD_RPC_TIMEOUT_MS, file, task, 0, path, argv, argv_size,
		                    envp, envp_size, fds, MACH_MSG_TYPE_COPY_SEND, fd_count, ports,
		                    MACH_MSG_TYPE_COPY_SEND, INIT_PORT_MAX, NULL, 0);
	/* exec copied what it needed: our own rights go (the bootstrap port's
	 * no-senders then says when init is gone). */
	release(bootstrap_send);
	release(init_proc);
	release(file);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: init %s: not started: exec_exec: %s (%d)\n", path,
		      herd_error_text(result), result);
		(void)task_terminate(task);
		return 1;
	}
	herd_note("bootstrap: herd: init %s started through exec as pid %d\n", path, init->pid);
	return 0;
}
