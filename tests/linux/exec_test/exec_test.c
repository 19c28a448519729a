/* The exec server (servers/exec) and lib/fshelp's translator start from a
 * client: programs read from this test's own file server (boot modules'
 * bytes) are exec'd into tasks it made; what the children were given comes
 * back through an init port, their exit status through their bootstrap port;
 * bad images, modes and file servers give errors, not hangs; hello is started
 * as a translator, read, and killed. Boot: exec, exec_test, exec_child, hello. */
#define _GNU_SOURCE
#include "exec_test.h"
#include "exec_report.h"
#include "../linux_tap.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <mach/notify.h>
#include <hurd/exec.h>
#include <wildebeest/emul_image.h>
#include <hurd/fsys.h>
#include <hurd/io.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/emul_image.h>
#include <wildebeest/native.h>
#include "exec_module.h"
#include "fshelp_start.h"

#define WAIT_MS          30000
#define FILE_TIMEOUT_MS  2000 /* exec's --file-timeout in tests/system/exec.t */
#define START_TIMEOUT_MS 3000

static int failures;
static mach_port_t exec_server;
static void *child_image, *hello_image;
static size_t child_size, hello_size;

void check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	if (!linux_tap_check(passed, format, arguments))
		failures++;
	va_end(arguments);
}

static uint64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

/* A receive right with a send right under the same name. */
static mach_port_t new_port(void)
{
	mach_port_t port = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	(void)mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND);
	return port;
}

static void destroy_port(mach_port_t port)
{
	(void)mach_port_destroy(mach_task_self(), port);
}

/* Finds the module whose command line's program ends with /name. */
static bool find_module(mach_port_t master, const char *name, void **data, size_t *size)
{
	for (unsigned index = 2; index < 32; index++) {
		char line[256];
		if (exec_module_read(master, index, data, size, line, sizeof(line)) != KERN_SUCCESS)
			return false;
		char *end = strchr(line, ' ');
		if (end)
			*end = '\0';
		const char *base = strrchr(line, '/');
		if (strcmp(base ? base + 1 : line, name) == 0)
			return true;
		exec_module_release(*data, *size);
	}
	return false;
}

/* A message on port within ms: its id, or 0 (with the message destroyed
 * unless the caller gave room for it). */
static mach_msg_id_t receive(mach_port_t port, unsigned ms, void *buffer, size_t size)
{
	union {
		mach_msg_header_t header;
		char space[1024];
	} local;
	mach_msg_header_t *header = buffer ? buffer : &local.header;
	mach_msg_return_t result =
	    mach_msg(header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, buffer ? size : sizeof(local),
	             port, ms, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return 0;
	if (!buffer)
		mach_msg_destroy(header);
	return header->msgh_id;
}

/* exec_exec of file into a new task with the given argz and init ports. */
static kern_return_t exec_with_fds(mach_port_t file, mach_port_t *task, const char *argz,
                                   size_t argz_length, const char *envz, size_t envz_length,
                                   const mach_port_t *fds, size_t fd_count,
                                   const mach_port_t *ports, size_t port_count, int flags)
{
	if (task_create(mach_task_self(), FALSE, task) != KERN_SUCCESS)
		return ENOMEM;
	return exec_exec(exec_server, file, *task, flags, "/exec_child", argz,
	                 (mach_msg_type_number_t)argz_length, envz,
	                 (mach_msg_type_number_t)envz_length, (mach_port_t *)fds,
	                 MACH_MSG_TYPE_COPY_SEND, (mach_msg_type_number_t)fd_count, ports,
	                 MACH_MSG_TYPE_COPY_SEND, (mach_msg_type_number_t)port_count, NULL, 0);
}

static kern_return_t exec_into(mach_port_t file, mach_port_t *task, const char *argz,
                               size_t argz_length, const char *envz, size_t envz_length,
                               const mach_port_t *ports, size_t port_count, int flags)
{
	return exec_with_fds(file, task, argz, argz_length, envz, envz_length, NULL, 0, ports,
	                     port_count, flags);
}

/* The exit status a child's emulator sends to its bootstrap port, or -1. */
static int exit_status(mach_port_t bootstrap)
{
	union {
		mach_msg_header_t header;
		struct emul_exit_message exit;
		char space[256];
	} message;
	if (receive(bootstrap, WAIT_MS, &message, sizeof(message)) != EMUL_EXIT_MESSAGE_ID)
		return -1;
	return message.exit.status;
}

static int thread_count(mach_port_t task)
{
	thread_array_t threads = NULL;
	mach_msg_type_number_t count = 0;
	if (task_threads(task, &threads, &count) != KERN_SUCCESS)
		return -1;
	for (mach_msg_type_number_t i = 0; i < count; i++)
		(void)mach_port_deallocate(mach_task_self(), threads[i]);
	if (threads)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)threads,
		                    count * sizeof(*threads));
	return (int)count;
}

/* Whether the port behind name dies within WAIT_MS (a dead-name notification). */
static bool dies(mach_port_t name)
{
	mach_port_t notify = new_port(), previous = MACH_PORT_NULL;
	bool dead = false;
	if (mach_port_request_notification(mach_task_self(), name, MACH_NOTIFY_DEAD_NAME, 1, notify,
	                                   MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous) == KERN_SUCCESS)
		dead = receive(notify, WAIT_MS, NULL, 0) == MACH_NOTIFY_DEAD_NAME;
	destroy_port(notify);
	return dead;
}

static void kill_task(mach_port_t task)
{
	(void)task_terminate(task);
	(void)mach_port_deallocate(mach_task_self(), task);
}

/* The child gets argv, envp and an init port, reports through it, exits 42. */
static void check_exec_of_child(mach_port_t child_file)
{
	static const char argz[] = "exec_child\0--report\0two words";
	static const char envz[] = "EXEC_TEST=1\0COLOR=green";
	mach_port_t bootstrap = new_port(), report = new_port(), task = MACH_PORT_NULL;
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_AUTH] = report;
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	kern_return_t error = exec_into(child_file, &task, argz, sizeof(argz), envz, sizeof(envz),
	                                ports, INIT_PORT_MAX, EXEC_NEWTASK);
	check(error == 0, "exec_exec of exec_child into a task we made succeeds (%d)", error);
	struct exec_report message;
	mach_msg_id_t id = receive(report, WAIT_MS, &message, sizeof(message));
	check(id == EXEC_REPORT_ID, "the child sent a message through the init port it was given");
	message.text[EXEC_REPORT_TEXT_MAX - 1] = '\0';
	const char *expected =
	    "argc=3|exec_child|--report|two words|env:EXEC_TEST=1|env:COLOR=green"
	    "|cwdir=none|bootstrap=yes";
	check(id == EXEC_REPORT_ID && strcmp(message.text, expected) == 0,
	      "it received argv and envp as given, no cwdir, a bootstrap port (%s)",
	      id == EXEC_REPORT_ID ? message.text : "nothing");
	int status = exit_status(bootstrap);
	check(status == 42, "its exit status 42 arrived on the bootstrap port we gave it (%d)",
	      status);
	kill_task(task);
	destroy_port(report);
	destroy_port(bootstrap);
}

/* exec_exec's fds reach the program: fd 0 closed, fd 1 a sink of ours. */
static void check_fds(mach_port_t child_file)
{
	static const char argz[] = "exec_child\0--write";
	mach_port_t bootstrap = new_port(), sink = MACH_PORT_NULL, task = MACH_PORT_NULL;
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	int error = test_sink_create(&sink);
	mach_port_t fds[2] = {MACH_PORT_NULL, sink};
	if (!error)
		error = exec_with_fds(child_file, &task, argz, sizeof(argz), NULL, 0, fds, 2, ports,
		                      INIT_PORT_MAX, EXEC_NEWTASK);
	check(error == 0, "exec_exec with fds {none, a sink} succeeds (%d)", error);
	int status = exit_status(bootstrap);
	char text[256];
	size_t length = test_sink_text(text, sizeof(text));
	bool line = length > 0 && text[length - 1] == '\n';
	if (line)
		text[length - 1] = '\0'; /* one tap line */
	check(status == 7 && line && strcmp(text, "exec_child: fd 0 closed, fd 1 is the sink") == 0,
	      "the child's stdout went to the sink, its fd 0 was closed (%d, \"%s\")", status,
	      text);
	static const mach_port_t many[EMUL_FDS_MAX + 1];
	if (task_create(mach_task_self(), FALSE, &task) == KERN_SUCCESS) {
		error =
		    exec_exec(exec_server, child_file, task, EXEC_NEWTASK, "/exec_child", argz,
		              sizeof(argz), NULL, 0, (mach_port_t *)many, MACH_MSG_TYPE_COPY_SEND,
		              EMUL_FDS_MAX + 1, NULL, MACH_MSG_TYPE_COPY_SEND, 0, NULL, 0);
		check(error == EINVAL, "exec_exec with %d fds: EINVAL (%d)", EMUL_FDS_MAX + 1,
		      error);
		kill_task(task);
	}
	destroy_port(bootstrap);
	if (MACH_PORT_VALID(sink))
		(void)mach_port_deallocate(mach_task_self(), sink);
}

/* Defaults from exec_setexecdata fill in the missing ports with EXEC_DEFAULTS. */
static void check_defaults(mach_port_t child_file)
{
	static const char argz[] = "exec_child\0--report";
	mach_port_t bootstrap = new_port(), report = new_port(), task = MACH_PORT_NULL;
	mach_port_t defaults[INIT_PORT_MAX] = {0};
	defaults[INIT_PORT_AUTH] = report;
	kern_return_t error = exec_setexecdata(exec_server, defaults, MACH_MSG_TYPE_COPY_SEND,
	                                       INIT_PORT_MAX, NULL, 0);
	check(error == 0, "exec_setexecdata stores default ports (%d)", error);
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	error = exec_into(child_file, &task, argz, sizeof(argz), "", 0, ports, INIT_PORT_MAX,
	                  EXEC_NEWTASK | EXEC_DEFAULTS);
	mach_msg_id_t id = receive(report, WAIT_MS, NULL, 0);
	check(error == 0 && id == EXEC_REPORT_ID && exit_status(bootstrap) == 42,
	      "with EXEC_DEFAULTS the child got the default port and reported through it (%d)",
	      error);
	kill_task(task);
	mach_port_t none[INIT_PORT_MAX] = {0};
	(void)exec_setexecdata(exec_server, none, MACH_MSG_TYPE_COPY_SEND, INIT_PORT_MAX, NULL, 0);
	destroy_port(report);
	destroy_port(bootstrap);
}

/* A corrupt image is ENOEXEC and leaves the task without threads; a mode
 * without x is EACCES; the server serves on. */
static void check_refusals(mach_port_t child_file)
{
	static const char argz[] = "exec_child";
	static char corrupt[4096];
	memcpy(corrupt, child_image, sizeof(corrupt));
	memset(corrupt + 16, 0xff, 48); /* type, machine, entry, header offsets */
	mach_port_t corrupt_file, plain_file, task;
	check(test_file_create(corrupt, sizeof(corrupt), 0100755, &corrupt_file) == 0 &&
	          test_file_create(child_image, child_size, 0100644, &plain_file) == 0,
	      "the file server serves a corrupt image and one without execute bits");
	kern_return_t error =
	    exec_into(corrupt_file, &task, argz, sizeof(argz), "", 0, NULL, 0, EXEC_NEWTASK);
	check(error == ENOEXEC, "a corrupt image is ENOEXEC (%d)", error);
	check(thread_count(task) == 0, "and the task is left without threads (%d)",
	      thread_count(task));
	kill_task(task);
	error = exec_into(plain_file, &task, argz, sizeof(argz), "", 0, NULL, 0, EXEC_NEWTASK);
	check(error == EACCES, "a file whose mode has no execute bit is EACCES (%d)", error);
	check(thread_count(task) == 0, "and that task too is left without threads");
	kill_task(task);

	mach_port_t dead_task = MACH_PORT_NULL;
	(void)task_create(mach_task_self(), FALSE, &dead_task);
	(void)task_terminate(dead_task);
	error = exec_exec(exec_server, child_file, dead_task, EXEC_NEWTASK, "/exec_child", argz,
	                  sizeof(argz), "", 0, NULL, MACH_MSG_TYPE_COPY_SEND, 0, NULL,
	                  MACH_MSG_TYPE_COPY_SEND, 0, NULL, 0);
	check(error == ESRCH, "a dead task is ESRCH (%d)", error);
	(void)mach_port_deallocate(mach_task_self(), dead_task);
	error = exec_into(MACH_PORT_NULL, &task, argz, sizeof(argz), "", 0, NULL, 0, EXEC_NEWTASK);
	check(error == EBADF, "a null file port is EBADF (%d)", error);
	kill_task(task);
	mach_port_t not_a_task = new_port();
	error = exec_exec(exec_server, child_file, not_a_task, EXEC_NEWTASK, "/exec_child", argz,
	                  sizeof(argz), "", 0, NULL, MACH_MSG_TYPE_COPY_SEND, 0, NULL,
	                  MACH_MSG_TYPE_COPY_SEND, 0, NULL, 0);
	check(error == ESRCH, "a port that is not a task is ESRCH, not a hang (%d)", error);
	destroy_port(not_a_task);
	error = exec_into(child_file, &task, "exec_child", 10, "", 0, NULL, 0, EXEC_NEWTASK);
	check(error == EINVAL, "argv without its final NUL is EINVAL (%d)", error);
	kill_task(task);
	mach_port_t too_many[17] = {0};
	error = exec_into(child_file, &task, argz, sizeof(argz), "", 0, too_many, 17, EXEC_NEWTASK);
	check(error == EINVAL && thread_count(task) == 0,
	      "17 init ports, one more than a program can have, is EINVAL (%d)", error);
	kill_task(task);
}

/* A file server that never answers: ETIMEDOUT within exec's timeout, and
 * exec serves on. */
static void check_silent_file_server(mach_port_t child_file)
{
	static const char argz[] = "exec_child\0--exit";
	mach_port_t silent = new_port(), task, bootstrap = new_port();
	uint64_t start = now_ms();
	kern_return_t error =
	    exec_into(silent, &task, argz, sizeof(argz), "", 0, NULL, 0, EXEC_NEWTASK);
	uint64_t took = now_ms() - start;
	check(error == ETIMEDOUT, "a file server that never answers gives ETIMEDOUT (%d)", error);
	check(took >= FILE_TIMEOUT_MS - 100 && took < FILE_TIMEOUT_MS + 5000,
	      "after exec's file timeout of %d ms (%llu ms)", FILE_TIMEOUT_MS,
	      (unsigned long long)took);
	kill_task(task);
	destroy_port(silent);
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	error = exec_into(child_file, &task, argz, sizeof(argz), "", 0, ports, INIT_PORT_MAX,
	                  EXEC_NEWTASK);
	int status = exit_status(bootstrap);
	check(error == 0 && status == 3, "exec still serves: a child exits with status 3 (%d, %d)",
	      error, status);
	kill_task(task);
	destroy_port(bootstrap);
}

/* fshelp_start_translator of hello: fsys_startup answered, its root read,
 * then killed: calls on its ports fail instead of hanging. */
static void check_translator(mach_port_t hello_file, mach_port_t underlying)
{
	static const char argz[] = "hello\0--contents=started by fshelp";
	struct fshelp_start_request request = {
	    .exec_server = exec_server,
	    .file = hello_file,
	    .argz = argz,
	    .argz_length = sizeof(argz),
	    .underlying = underlying,
	    .underlying_flags = HURD_O_READ,
	    .timeout_ms = WAIT_MS,
	};
	mach_port_t control = MACH_PORT_NULL, task = MACH_PORT_NULL;
	int error = fshelp_start_translator(&request, &control, &task);
	check(error == 0 && MACH_PORT_VALID(control) && MACH_PORT_VALID(task),
	      "fshelp starts hello: it called fsys_startup and we hold its control port (%d)",
	      error);
	static const hurd_uid_t root[] = {0};
	retry_type retry = 0;
	path_t name = "";
	mach_port_t file = MACH_PORT_NULL;
	error = fsys_getroot(control, root, 1, root, 1, HURD_O_READ, &retry, name, &file);
	check(error == 0 && retry == FS_RETRY_NORMAL, "fsys_getroot on its control port (%d)",
	      error);
	char buffer[128];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	error = io_read(file, &data, &count, 0, sizeof(buffer) - 1);
	if (!error && data != buffer) {
		count = count < sizeof(buffer) ? count : 0;
		memcpy(buffer, data, count);
	}
	buffer[error ? 0 : count] = '\0';
	check(error == 0 && strcmp(buffer, "started by fshelp") == 0,
	      "io_read gives the contents its argv set (%s)", buffer);
	(void)task_terminate(task);
	mach_port_t dead_file = file;
	error = fsys_getroot(control, root, 1, root, 1, HURD_O_READ, &retry, name, &file);
	check(error != 0, "after task_terminate fsys_getroot on its control port fails (0x%x)",
	      error);
	count = sizeof(buffer);
	data = buffer;
	error = io_read(dead_file, &data, &count, 0, 16);
	check(error != 0, "and io_read on the open file fails too (0x%x)", error);
	(void)mach_port_deallocate(mach_task_self(), task);
	(void)mach_port_deallocate(mach_task_self(), control);
	(void)mach_port_deallocate(mach_task_self(), dead_file);

	/* hello asks for its node with HURD_O_READ: a node opened write-only
	 * is refused, and so is the start. */
	request.underlying_flags = HURD_O_WRITE;
	error = fshelp_start_translator(&request, &control, &task);
	check(error == EACCES && !MACH_PORT_VALID(control),
	      "a translator asking more of its node than the node's open modes: EACCES (%d)",
	      error);
}

/* A program that never calls fsys_startup: ETIMEDOUT within the timeout,
 * and its task is gone; one that exits first: ESRCH at once. */
static void check_translator_failures(mach_port_t child_file)
{
	static const char sleeper[] = "exec_child\0--sleep", quitter[] = "exec_child\0--exit";
	mach_port_t report = new_port(), ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_AUTH] = report;
	struct fshelp_start_request request = {
	    .exec_server = exec_server,
	    .file = child_file,
	    .argz = sleeper,
	    .argz_length = sizeof(sleeper),
	    .init_ports = ports,
	    .init_port_count = INIT_PORT_MAX,
	    .timeout_ms = START_TIMEOUT_MS,
	};
	mach_port_t control = MACH_PORT_NULL, task = MACH_PORT_NULL;
	uint64_t start = now_ms();
	int error = fshelp_start_translator(&request, &control, &task);
	uint64_t took = now_ms() - start;
	check(error == ETIMEDOUT && !MACH_PORT_VALID(control) && !MACH_PORT_VALID(task),
	      "a program that never calls fsys_startup: ETIMEDOUT (%d)", error);
	check(took >= START_TIMEOUT_MS - 100 && took < START_TIMEOUT_MS + 3000,
	      "within the %d ms timeout (%llu ms)", START_TIMEOUT_MS, (unsigned long long)took);
	struct exec_report message;
	mach_msg_id_t id = receive(report, WAIT_MS, &message, sizeof(message));
	/* The task port it sent: MACH_PORT_DEAD if it died before we took the
	 * message, else a name that dies soon (the kernel's dead-name notice). */
	bool gone = id == EXEC_REPORT_ID && (message.port == MACH_PORT_DEAD ||
	                                     (MACH_PORT_VALID(message.port) && dies(message.port)));
	check(gone, "it had started, and its task is gone (its task port died)");
	if (id == EXEC_REPORT_ID && MACH_PORT_VALID(message.port))
		(void)mach_port_deallocate(mach_task_self(), message.port);
	request.argz = quitter;
	request.argz_length = sizeof(quitter);
	request.timeout_ms = WAIT_MS;
	start = now_ms();
	error = fshelp_start_translator(&request, &control, &task);
	took = now_ms() - start;
	check(error == ESRCH && took < WAIT_MS / 2,
	      "a program that exits before fsys_startup: ESRCH, without waiting out the timeout "
	      "(%d, %llu ms)",
	      error, (unsigned long long)took);
	destroy_port(report);
}

int main(void)
{
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "exec", &exec_server);
	check(error == 0, "the exec server is registered as \"exec\" (%d)", error);
	mach_port_t master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	check(find_module(master, "exec_child", &child_image, &child_size) &&
	          find_module(master, "hello", &hello_image, &hello_size),
	      "exec_child's and hello's images read from their boot modules");
	check(test_files_start() == 0, "the test's file server starts");
	if (failures)
		return 1;
	mach_port_t child_file, hello_file, underlying;
	static const char underlying_bytes[] = "the node beneath\n";
	check(test_file_create(child_image, child_size, 0100755, &child_file) == 0 &&
	          test_file_create(hello_image, hello_size, 0100555, &hello_file) == 0 &&
	          test_file_create(underlying_bytes, sizeof(underlying_bytes) - 1, 0100644,
	                           &underlying) == 0,
	      "it serves exec_child, hello and a plain file");
	check_exec_of_child(child_file);
	check_fds(child_file);
	check_defaults(child_file);
	check_refusals(child_file);
	check_silent_file_server(child_file);
	check_translator(hello_file, underlying);
	check_translator_failures(child_file);
	check(test_files_reads() > 0, "the programs were read through io_read (%u calls)",
	      test_files_reads());
	return failures ? 1 : 0;
}
