/* A "#!" script's interpreter, looked up the way the program that asked for
 * the exec would: lib/lookup from the root, current directory and auth
 * handle it passed as init ports, every RPC with exec's file timeout. */
#include "exec_server.h"

#include <errno.h>
#include <stdlib.h>
#include <hurd/hurd_types.h>
#include <lookup.h>

static mach_port_t init_port(const mach_port_t *ports, size_t count, size_t which)
{
	return which < count && MACH_PORT_VALID(ports[which]) ? ports[which] : MACH_PORT_NULL;
}

int exec_lookup_interpreter(const mach_port_t *ports, size_t count, const char *path,
                            mach_port_t *file)
{
	*file = MACH_PORT_NULL;
	struct lookup_context context = {
	    .root = init_port(ports, count, INIT_PORT_CRDIR),
	    .cwd = init_port(ports, count, INIT_PORT_CWDIR),
	    .auth = init_port(ports, count, INIT_PORT_AUTH),
	    .timeout_ms = exec_file_wait_ms,
	};
	if (!MACH_PORT_VALID(context.root))
		return ENOENT; /* no file system to find it in */
	struct lookup_workspace *workspace = malloc(sizeof(*workspace));
	if (!workspace)
		return ENOMEM;
	int error = lookup_file(&context, workspace, path, HURD_O_READ, 0, file);
	free(workspace);
	return error;
}
