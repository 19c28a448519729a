/* run_as_user UID PROGRAM [ARG...]: runs PROGRAM (a file of the root file
 * system) through the exec server as user UID: an auth handle for UID made
 * with auth_makeauth, the root directory reauthenticated with it, both given
 * as the program's init ports. Prints "run_as_user: PROGRAM exited with
 * status N" (or why it could not run, exit status 1). */
#include "utils_node.h"

#include <errno.h>
#include <hurd/exec.h>
#include <libmach/glibc.h>
#include <mach.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <timed_auth.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/emul_image.h>

#define EXIT_WAIT_MS 60000

static int fail(const char *what, int error)
{
	printf("run_as_user: %s: %s\n", what, strerror(error));
	return 1;
}

/* The exit status the program's emulator sends to its bootstrap port. */
static int wait_for_exit(mach_port_t bootstrap, int *status)
{
	union {
		mach_msg_header_t header;
		struct emul_exit_message exit;
		char space[256];
	} message;
	mach_msg_return_t result =
	    mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(message),
	             bootstrap, EXIT_WAIT_MS, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return result == MACH_RCV_TIMED_OUT ? ETIMEDOUT : EIO;
	if (message.header.msgh_id != EMUL_EXIT_MESSAGE_ID) {
		mach_msg_destroy(&message.header);
		return EPROTO;
	}
	*status = message.exit.status;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "Usage: run_as_user UID PROGRAM [ARG...]\n");
		return 1;
	}
	hurd_uid_t uid = (hurd_uid_t)strtoul(argv[1], NULL, 10);
	struct utils_session session;
	if (utils_session_open(&session, "run_as_user"))
		return 1;
	mach_port_t exec_server = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "exec", &exec_server);
	if (error || !MACH_PORT_VALID(exec_server))
		return fail("the exec server", error ? error : ESRCH);
	mach_port_t user_auth = MACH_PORT_NULL, user_root = MACH_PORT_NULL;
	error = lookup_rpc_error(timed_auth_makeauth(session.auth, UTILS_RPC_TIMEOUT_MS, NULL,
	                                             MACH_MSG_TYPE_COPY_SEND, 0, &uid, 1, &uid, 1,
	                                             &uid, 1, &uid, 1, &user_auth));
	if (error)
		return fail("auth_makeauth", error);
	error = lookup_reauthenticate(session.root, user_auth, UTILS_RPC_TIMEOUT_MS, &user_root);
	if (error)
		return fail("reauthenticating the root directory", error);
	mach_port_t program;
	if (utils_open_node(&session, argv[2], HURD_O_READ | HURD_O_EXEC, 0, &program))
		return 1;

	static char argz[4096];
	size_t argz_length = 0;
	for (int i = 2; i < argc; i++) {
		size_t length = strlen(argv[i]) + 1;
		if (length > sizeof(argz) - argz_length)
			return fail("the arguments", E2BIG);
		memcpy(argz + argz_length, argv[i], length);
		argz_length += length;
	}
	mach_port_t bootstrap = MACH_PORT_NULL, task = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &bootstrap) ||
	    mach_port_insert_right(mach_task_self(), bootstrap, bootstrap,
	                           MACH_MSG_TYPE_MAKE_SEND) ||
	    task_create(mach_task_self(), FALSE, &task))
		return fail("a task", ENOMEM);
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_CWDIR] = user_root;
	ports[INIT_PORT_CRDIR] = user_root;
	ports[INIT_PORT_AUTH] = user_auth;
	ports[INIT_PORT_BOOTSTRAP] = bootstrap;
	error = lookup_rpc_error(exec_exec(exec_server, program, task, EXEC_NEWTASK, argv[2], argz,
	                                   (mach_msg_type_number_t)argz_length, "", 0, NULL,
	                                   MACH_MSG_TYPE_COPY_SEND, 0, ports,
	                                   MACH_MSG_TYPE_COPY_SEND, INIT_PORT_MAX, NULL, 0));
	if (error) {
		(void)task_terminate(task);
		return fail("exec_exec", error);
	}
	int status = -1;
	error = wait_for_exit(bootstrap, &status);
	(void)task_terminate(task);
	if (error)
		return fail("waiting for the program", error);
	printf("run_as_user: %s exited with status %d\n", argv[2], status);
	fflush(stdout);
	lookup_release(program);
	lookup_release(user_root);
	lookup_release(user_auth);
	lookup_release(exec_server);
	(void)mach_port_mod_refs(mach_task_self(), bootstrap, MACH_PORT_RIGHT_RECEIVE, -1);
	lookup_release(task);
	utils_session_close(&session);
	return 0;
}
