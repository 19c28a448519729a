/* herd_test: init of tests/system/herd.t. Started by the bootstrap through
 * exec, it checks its init ports and proc's view of the herd, then runs the
 * issue's programs from the root file system as its children (through exec,
 * pids from proc, their registry lookups relayed to the bootstrap). */
#include "utils_node.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <mach.h>
#include <mach/notify.h>
#include <hurd/exec.h>
#include <hurd/hurd_types.h>
#include <hurd/proc.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/emul_image.h>
#include <wildebeest/native.h>
#include "linux_tap.h"

/* A child program may run this long (translator_test takes ~20 s under TCG). */
#define CHILD_LIMIT_MS 120000

static int failures;
static struct utils_session session;
static mach_port_t my_proc, exec_server;

static bool check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	linux_tap_check(passed, format, arguments);
	va_end(arguments);
	if (!passed)
		failures++;
	return passed;
}

/* Answers a child's registry lookup with what our own bootstrap answers. */
static void relay_lookup(mach_msg_header_t *request)
{
	mach_port_t port = MACH_PORT_NULL;
	if (request->msgh_id == BOOTSTRAP_LOOKUP_NAMED_ID) {
		struct bootstrap_name_message *named = (struct bootstrap_name_message *)request;
		char name[BOOTSTRAP_NAME_MAX + 1] = {0};
		if (request->msgh_size == sizeof(*named))
			memcpy(name, named->name, BOOTSTRAP_NAME_MAX);
		if (bootstrap_registry_lookup_named(libmach_bootstrap_port, name, &port) != 0)
			port = MACH_PORT_NULL;
	} else if (bootstrap_registry_lookup(libmach_bootstrap_port, &port) != 0) {
		port = MACH_PORT_NULL;
	}
	struct bootstrap_port_message reply = {
	    .header = {.msgh_bits = MACH_MSGH_BITS_COMPLEX |
	                            MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(request->msgh_bits), 0),
	               .msgh_size = sizeof(reply),
	               .msgh_remote_port = request->msgh_remote_port,
	               .msgh_id = BOOTSTRAP_LOOKUP_REPLY_ID},
	    .port_type = {.msgt_name = MACH_MSG_TYPE_MOVE_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = 1},
	    .port = port,
	};
	if (mach_msg(&reply.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(reply), 0,
	             MACH_PORT_NULL, 1000, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		mach_msg_destroy(&reply.header);
	request->msgh_remote_port = MACH_PORT_NULL; /* the answer took it */
}

/* Serves the child's bootstrap port until its task is gone; its exit status,
 * -1 when killed, -2 when it outlived the limit. */
static int wait_child(mach_port_t port)
{
	int status = -1;
	for (;;) {
		union {
			mach_msg_header_t header;
			struct emul_exit_message exit;
			char space[512];
		} message;
		kern_return_t result =
		    mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(message),
		             port, CHILD_LIMIT_MS, MACH_PORT_NULL);
		if (result != MACH_MSG_SUCCESS)
			return -2;
		mach_msg_id_t id = message.header.msgh_id;
		if (id == EMUL_EXIT_MESSAGE_ID &&
		    message.header.msgh_size == sizeof(struct emul_exit_message))
			status = message.exit.status;
		else if (id == MACH_NOTIFY_NO_SENDERS)
			return status;
		else if (id == BOOTSTRAP_LOOKUP_ID || id == BOOTSTRAP_LOOKUP_NAMED_ID)
			relay_lookup(&message.header);
		mach_msg_destroy(&message.header);
	}
}

/* Runs PATH ARG... from the root file system as a child; its exit status
 * (as wait_child), or -3 when it could not be started. */
static int run(const char *path, ...)
{
	static char argz[4096];
	size_t used = 0;
	va_list arguments;
	va_start(arguments, path);
	for (const char *word = path; word != NULL; word = va_arg(arguments, const char *)) {
		size_t length = strlen(word) + 1;
		if (used + length > sizeof(argz))
			break;
		memcpy(argz + used, word, length);
		used += length;
	}
	va_end(arguments);
	static const char envz[] = "PATH=/bin:/sbin\0HOME=/\0TERM=dumb";
	static struct lookup_workspace workspace;
	mach_port_t file = MACH_PORT_NULL, task = MACH_PORT_NULL, child_proc = MACH_PORT_NULL;
	mach_port_t port = MACH_PORT_NULL, previous = MACH_PORT_NULL;
	hurd_pid_t pid = 0;
	int error =
	    lookup_file(&session.lookup, &workspace, path, HURD_O_READ | HURD_O_EXEC, 0, &file);
	if (!error)
		error = task_create(mach_task_self(), 0, &task);
	if (!error)
		error = proc_child(my_proc, task, &pid);
	if (!error)
		error = proc_task2proc(my_proc, task, &child_proc);
	if (!error)
		error = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	if (!error)
		error =
		    mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND);
	if (!error)
		error = mach_port_request_notification(mach_task_self(), port,
		                                       MACH_NOTIFY_NO_SENDERS, 0, port,
		                                       MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	mach_port_t ports[INIT_PORT_MAX] = {
	    [INIT_PORT_CWDIR] = session.root, [INIT_PORT_CRDIR] = session.root,
	    [INIT_PORT_AUTH] = session.auth,  [INIT_PORT_PROC] = child_proc,
	    [INIT_PORT_BOOTSTRAP] = port,
	};
	if (!error)
		error = exec_exec(exec_server, file, task, 0, path, argz, used, envz, sizeof(envz),
		                  NULL, MACH_MSG_TYPE_COPY_SEND, 0, ports, MACH_MSG_TYPE_COPY_SEND,
		                  INIT_PORT_MAX, NULL, 0);
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port); /* the child holds it */
	if (MACH_PORT_VALID(file))
		(void)mach_port_deallocate(mach_task_self(), file);
	if (MACH_PORT_VALID(child_proc))
		(void)mach_port_deallocate(mach_task_self(), child_proc);
	int status = -3;
	if (error) {
		printf("herd_test: %s: not started: %s (%d)\n", path, strerror(error), error);
		if (MACH_PORT_VALID(task))
			(void)task_terminate(task);
	} else {
		status = wait_child(port);
		if (status == -2)
			(void)task_terminate(task);
	}
	if (MACH_PORT_VALID(port))
		(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (MACH_PORT_VALID(task))
		(void)mach_port_deallocate(mach_task_self(), task);
	if (pid > 0) { /* reaped through proc, which saw the task die */
		int wait_status = 0, sigcode = 0;
		rusage_t usage;
		hurd_pid_t waited = 0;
		error = proc_wait(my_proc, pid, 0, &wait_status, &sigcode, &usage, &waited);
		check(error == 0 && waited == pid, "%s (pid %d) reaped with proc_wait (%d)", path,
		      pid, error);
	}
	printf("herd_test: %s exited with status %d\n", path, status);
	fflush(stdout);
	return status;
}

/* The ports init was given, and proc's view of it. */
static void check_init(void)
{
	check(MACH_PORT_VALID(session.root), "init has a root directory (INIT_PORT_CRDIR)");
	mach_port_t cwd = native_get_init_port(INIT_PORT_CWDIR);
	check(MACH_PORT_VALID(cwd), "init has a current directory (INIT_PORT_CWDIR)");
	check(MACH_PORT_VALID(session.auth), "init has an auth handle (INIT_PORT_AUTH)");
	mach_port_t terminal = native_get_init_port(INIT_PORT_CTTYID);
	check(MACH_PORT_VALID(terminal), "init has the terminal (INIT_PORT_CTTYID)");
	check(MACH_PORT_VALID(libmach_bootstrap_port), "init has the bootstrap's port");
	check(MACH_PORT_VALID(my_proc), "init has its proc port (INIT_PORT_PROC)");
	hurd_pid_t pid = 0, ppid = 0;
	int orphaned = 0;
	int error = proc_getpids(my_proc, &pid, &ppid, &orphaned);
	check(error == 0 && pid > 1 && ppid == 1,
	      "proc knows init as pid %d, a child of pid 1, the bootstrap (%d, ppid %d)", pid,
	      error, ppid);
}

/* Every server the bootstrap names in HERD_PIDS is in proc's pid list. */
static void check_herd_pids(void)
{
	const char *list = getenv("HERD_PIDS");
	check(list != NULL, "the bootstrap gave init the herd's pids (%s)", list ? list : "none");
	if (list == NULL)
		return;
	pidarray_t pids = NULL;
	mach_msg_type_number_t count = 0;
	int error = proc_getallpids(my_proc, &pids, &count);
	check(error == 0, "proc_getallpids (%d, %u pids)", error, count);
	if (error)
		return;
	static const char *const names[] = {"auth", "exec", "root", "proc", "serial", "term"};
	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		char key[16];
		snprintf(key, sizeof(key), "%s:", names[n]);
		const char *at = strstr(list, key);
		int pid = at ? atoi(at + strlen(key)) : 0;
		bool listed = false;
		for (mach_msg_type_number_t i = 0; i < count; i++)
			listed = listed || (pid > 0 && pids[i] == pid);
		check(listed, "%s has a pid (%d) in proc's list", names[n], pid);
	}
	(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
}

/* A parent waits for a child through proc and gets its exit status. */
static void check_wait(void)
{
	mach_port_t task = MACH_PORT_NULL, child_proc = MACH_PORT_NULL;
	hurd_pid_t pid = 0, waited = 0;
	int error = task_create(mach_task_self(), 0, &task);
	if (!error)
		error = proc_child(my_proc, task, &pid);
	if (!error)
		error = proc_task2proc(my_proc, task, &child_proc);
	if (!error)
		error = proc_mark_exit(child_proc, W_EXITCODE(7, 0), 0);
	if (!error)
		error = task_terminate(task);
	int status = 0, sigcode = 0;
	rusage_t usage;
	if (!error)
		error = proc_wait(my_proc, pid, 0, &status, &sigcode, &usage, &waited);
	check(error == 0 && waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "proc_wait gives the parent its child's exit status 7 (%d, pid %d, status 0x%x)",
	      error, waited, status);
	if (MACH_PORT_VALID(child_proc))
		(void)mach_port_deallocate(mach_task_self(), child_proc);
	if (MACH_PORT_VALID(task))
		(void)mach_port_deallocate(mach_task_self(), task);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (utils_session_open(&session, "herd_test"))
		return 1;
	my_proc = native_get_init_port(INIT_PORT_PROC);
	check_init();
	check_herd_pids();
	check_wait();
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "exec", &exec_server);
	check(error == 0, "the bootstrap still answers registry lookups (\"exec\": %d)", error);
	if (error)
		return 1;
	static const char node[] = "/srv/herd-node";
	check(run("/test/translator_test", NULL) == 0, "translator_test exited with status 0");
	check(run("/bin/settrans", "-a", node, "/hurd/hello", "--contents=one", NULL) == 0,
	      "settrans -a set an active hello");
	check(run("/test/lookup_cat", node, NULL) == 0, "lookup_cat read it");
	check(run("/bin/fsysopts", node, NULL) == 0, "fsysopts showed its options");
	check(run("/bin/fsysopts", node, "--contents=two", NULL) == 0, "fsysopts changed them");
	check(run("/test/lookup_cat", node, NULL) == 0, "lookup_cat read the change");
	check(run("/bin/settrans", "-g", node, NULL) == 0, "settrans -g made it go away");
	check(run("/test/lookup_cat", node, NULL) == 0, "lookup_cat read the node underneath");
	check(run("/bin/showtrans", "/srv/missing", NULL) == 1,
	      "showtrans of a missing node exited with status 1");
	check(run("/test/auth_test", "--remote", NULL) == 0, "auth_test --remote exited with 0");
	printf("herd_test: %d checks failed\n", failures);
	utils_session_close(&session);
	return failures ? 1 : 0;
}
