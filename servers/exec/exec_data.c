/* exec_setexecdata: the default init ports and ints exec keeps for
 * EXEC_DEFAULTS, and the ports a new program gets with them filled in. */
#include "exec_server.h"
#include "exec_logic.h"

#include <errno.h>
#include <pthread.h>
#include <hurd/exec_server.h>

static pthread_mutex_t defaults_lock = PTHREAD_MUTEX_INITIALIZER;
static mach_port_t default_ports[EXEC_MAX_INIT_PORT];
static size_t default_port_count;
static int default_ints[16];
static size_t default_int_count;

kern_return_t S_exec_setexecdata(exec_t execserver, const_portarray_t ports,
                                 mach_msg_type_number_t portsCnt, const_intarray_t ints,
                                 mach_msg_type_number_t intsCnt)
{
	(void)execserver;
	if (portsCnt > EXEC_MAX_INIT_PORT || intsCnt > sizeof(default_ints) / sizeof(int))
		return EINVAL;
	mach_port_t old[EXEC_MAX_INIT_PORT];
	pthread_mutex_lock(&defaults_lock);
	size_t old_count = default_port_count;
	for (size_t i = 0; i < old_count; i++)
		old[i] = default_ports[i];
	for (size_t i = 0; i < portsCnt; i++)
		default_ports[i] = ports[i]; /* the rights that came with the request are ours */
	default_port_count = portsCnt;
	for (size_t i = 0; i < intsCnt; i++)
		default_ints[i] = ints[i];
	default_int_count = intsCnt;
	pthread_mutex_unlock(&defaults_lock);
	for (size_t i = 0; i < old_count; i++)
		if (MACH_PORT_VALID(old[i]))
			(void)mach_port_deallocate(mach_task_self(), old[i]);
	return 0;
}

int exec_ports_for(const mach_port_t *given, size_t given_count, int use_defaults, mach_port_t *out,
                   size_t *count)
{
	pthread_mutex_lock(&defaults_lock);
	int error = exec_merge_ports(given, given_count, default_ports, default_port_count,
	                             use_defaults, out, count);
	/* A reference of our own on each, so that a concurrent setexecdata cannot
	 * take a default away while the loader copies it. */
	for (size_t i = 0; !error && i < *count; i++)
		if (MACH_PORT_VALID(out[i]) &&
		    mach_port_mod_refs(mach_task_self(), out[i], MACH_PORT_RIGHT_SEND, 1) !=
		        KERN_SUCCESS)
			out[i] = MACH_PORT_NULL; /* died meanwhile: as good as none */
	pthread_mutex_unlock(&defaults_lock);
	return error;
}

void exec_release_ports(mach_port_t *ports, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (MACH_PORT_VALID(ports[i]))
			(void)mach_port_deallocate(mach_task_self(), ports[i]);
}
