/* settrans -a's start of a translator: the program looked up as a file, the
 * exec server from the boot runner's registry, lib/fshelp's start with the
 * caller's root and auth ports as the translator's init ports. */
#include "settrans_active.h"

#include <errno.h>
#include <mach.h>
#include <stdio.h>
#include <string.h>
#include <timed_fsys.h>

#ifdef UTILS_HAVE_FSHELP_START
#include <fshelp_start.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

int settrans_start(struct utils_session *session, const char *node_name, mach_port_t node,
                   const char *argz, size_t argz_length, mach_port_t *control, mach_port_t *task)
{
	*control = *task = MACH_PORT_NULL;
	mach_port_t program;
	int error = utils_open_node(session, argz, HURD_O_READ | HURD_O_EXEC, 0, &program);
	if (error)
		return error;
	mach_port_t exec_server = MACH_PORT_NULL;
	error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "exec", &exec_server);
	if (error || !MACH_PORT_VALID(exec_server)) {
		error = error ? error : ESRCH;
		fprintf(stderr, "%s: no exec server registered as \"exec\": %s\n", session->program,
		        strerror(error));
		lookup_release(program);
		return error;
	}
	mach_port_t init_ports[INIT_PORT_MAX] = {0};
	init_ports[INIT_PORT_CWDIR] = session->root;
	init_ports[INIT_PORT_CRDIR] = session->root;
	init_ports[INIT_PORT_AUTH] = session->auth;
	struct fshelp_start_request request = {
	    .exec_server = exec_server,
	    .file = program,
	    .argz = argz,
	    .argz_length = argz_length,
	    .init_ports = init_ports,
	    .init_port_count = INIT_PORT_MAX,
	    .underlying = node,
	    .underlying_flags = HURD_O_READ | HURD_O_WRITE | HURD_O_EXEC,
	    .timeout_ms = SETTRANS_START_TIMEOUT_MS,
	};
	error = fshelp_start_translator(&request, control, task);
	lookup_release(program);
	lookup_release(exec_server);
	if (error)
		utils_report(session, node_name, "starting the translator", error);
	return error;
}
#else
int settrans_start(struct utils_session *session, const char *node_name, mach_port_t node,
                   const char *argz, size_t argz_length, mach_port_t *control, mach_port_t *task)
{
	(void)node, (void)argz, (void)argz_length;
	*control = *task = MACH_PORT_NULL;
	utils_report(session, node_name, "starting the translator (built without lib/fshelp)",
	             EOPNOTSUPP);
	return EOPNOTSUPP;
}
#endif

void settrans_stop(mach_port_t control, mach_port_t task)
{
	if (MACH_PORT_VALID(control))
		(void)timed_fsys_goaway(control, 1000, FSYS_GOAWAY_FORCE | FSYS_GOAWAY_NOWAIT);
	if (MACH_PORT_VALID(task))
		(void)task_terminate(task);
	lookup_release(control);
	lookup_release(task);
}
