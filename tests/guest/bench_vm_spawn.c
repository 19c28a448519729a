/* Client side of the VM benchmarks' rendezvous: starts the server module with a fresh
 * bootstrap port and takes the send right it registers there (bench_rpc_rendezvous.defs). */
#include "rt/rt.h"
#include <mach/task_special_ports.h>
#include "bench_rpc_rendezvous_server.h"
#include "bench_vm_common.h"

#define RENDEZVOUS_MESSAGE_MAX 256
#define RENDEZVOUS_TIMEOUT_MS  10000 /* a server registers at once or never */

/* The MIG-generated demultiplexer, which MIG's server header does not declare. */
boolean_t bench_rpc_rendezvous_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static mach_port_t registered_service = MACH_PORT_NULL;

/* The server's registration, delivered through bench_rpc_rendezvous_server. */
kern_return_t serve_bench_register(mach_port_t bootstrap, mach_port_t service)
{
	(void)bootstrap;
	if (registered_service != MACH_PORT_NULL)
		return KERN_FAILURE;
	registered_service = service;
	return KERN_SUCCESS;
}

bool bench_vm_spawn_server(const char *program, unsigned module, mach_port_t *service)
{
	mach_port_t self = mach_task_self(), rendezvous;
	uint64_t task_id;
	union {
		mach_msg_header_t header;
		uint8_t bytes[RENDEZVOUS_MESSAGE_MAX];
	} request, reply;

	if (!bench_vm_succeeded(program,
	                        mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &rendezvous),
	                        "mach_port_allocate") ||
	    !bench_vm_succeeded(
	        program,
	        mach_port_insert_right(self, rendezvous, rendezvous, MACH_MSG_TYPE_MAKE_SEND),
	        "mach_port_insert_right") ||
	    !bench_vm_succeeded(program,
	                        task_set_special_port(self, TASK_BOOTSTRAP_PORT, rendezvous),
	                        "task_set_special_port") ||
	    !bench_vm_succeeded(program, wb_task_spawn(module, &task_id), "starting the server") ||
	    !bench_vm_succeeded(program,
	                        mach_msg(&request.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	                                 sizeof(request), rendezvous, RENDEZVOUS_TIMEOUT_MS,
	                                 MACH_PORT_NULL),
	                        "receiving the server's registration"))
		return false;
	registered_service = MACH_PORT_NULL;
	if (!bench_rpc_rendezvous_server(&request.header, &reply.header) ||
	    registered_service == MACH_PORT_NULL) {
		print("bench: vm %s: unexpected message %d on the bootstrap port\n", program,
		      request.header.msgh_id);
		return false;
	}
	*service = registered_service;
	return true;
}
