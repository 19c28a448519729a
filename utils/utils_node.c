/* The utilities' run-time ground: init ports or the boot runner's registry,
 * lookups through lib/lookup, and error messages in the Hurd's form. */
#include "utils_node.h"

#include <errno.h>
#include <stdbool.h>
#include <libmach/glibc.h>
#include <mach.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>

/* The init port which, if this emulator gives init ports at all. */
static mach_port_t init_port(int which)
{
#ifdef EMUL_PORT_INIT_FIRST
	return native_get_init_port(which);
#else
	(void)which;
	return MACH_PORT_NULL;
#endif
}

static int registry_port(const char *name, mach_port_t *port)
{
	*port = MACH_PORT_NULL;
	if (!MACH_PORT_VALID(libmach_bootstrap_port))
		return ENOENT;
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, name, port);
	if (error == 0 && !MACH_PORT_VALID(*port))
		error = ESRCH;
	return error == ESRCH || error == EINVAL || error == 0 ? error : EIO;
}

static int find_port(struct utils_session *session, int which, const char *name, mach_port_t *port)
{
	*port = init_port(which);
	if (MACH_PORT_VALID(*port))
		return 0;
	int error = registry_port(name, port);
	if (error)
		fprintf(stderr, "%s: no %s port (no init port, none registered as \"%s\"): %s\n",
		        session->program, name, name, strerror(error));
	return error;
}

int utils_session_open(struct utils_session *session, const char *program)
{
	*session = (struct utils_session){.program = program};
	int error = find_port(session, INIT_PORT_CRDIR, "root", &session->root);
	if (!error)
		error = find_port(session, INIT_PORT_AUTH, "auth", &session->auth);
	if (error) {
		utils_session_close(session);
		return error;
	}
	session->cwd = init_port(INIT_PORT_CWDIR);
	bool cwd_known = MACH_PORT_VALID(session->cwd) &&
	                 getcwd(session->cwd_path, sizeof(session->cwd_path)) != NULL &&
	                 session->cwd_path[0] == '/';
	session->lookup = (struct lookup_context){
	    .root = session->root,
	    .cwd = session->cwd,
	    .cwd_path = cwd_known ? session->cwd_path : NULL,
	    .auth = session->auth,
	    .timeout_ms = UTILS_RPC_TIMEOUT_MS,
	};
	return 0;
}

void utils_session_close(struct utils_session *session)
{
	lookup_release(session->root);
	lookup_release(session->auth);
	lookup_release(session->cwd);
	session->root = session->auth = session->cwd = MACH_PORT_NULL;
}

int utils_open_node(struct utils_session *session, const char *node, int flags, unsigned mode,
                    mach_port_t *port)
{
	static struct lookup_workspace workspace;
	int error = lookup_file(&session->lookup, &workspace, node, flags, mode, port);
	if (error)
		utils_report(session, node, NULL, error);
	return error;
}

void utils_report(const struct utils_session *session, const char *node, const char *what,
                  int error)
{
	if (what != NULL)
		fprintf(stderr, "%s: %s: %s: %s\n", session->program, node, what, strerror(error));
	else
		fprintf(stderr, "%s: %s: %s\n", session->program, node, strerror(error));
}

void utils_release_reply_data(const char *data, size_t length, const char *buffer)
{
	if (data != NULL && data != buffer && length > 0)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, length);
}
