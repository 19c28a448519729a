/* Module 1 of the null-RPC benchmark (bench/ipc_rpc.sh): registers a service port with
 * the client through the inherited bootstrap port, then serves bench_rpc requests with
 * libmach's mach_msg_server (one mach_msg(SEND|RCV) per round trip) until power-off. */
#include "rt/rt.h"
#include <mach.h>
#include <mach/task_special_ports.h>
#include "bench_rpc_server.h"
#include "bench_rpc_rendezvous.h"

#define CPU_SAMPLE_MASK   1023 /* note the CPU every 1024 requests */
#define BENCH_MESSAGE_MAX 256  /* more than any request or reply of bench_rpc */

/* The MIG-generated demultiplexer, which MIG's server header does not declare. */
boolean_t bench_rpc_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static unsigned long requests_served;
static natural_t cpus_seen;

kern_return_t serve_bench_null(mach_port_t server)
{
	(void)server;
	if ((requests_served++ & CPU_SAMPLE_MASK) == 0) {
		long cpu = wb_cpu_number();
		if (cpu >= 0 && cpu < 32)
			cpus_seen |= 1u << cpu;
	}
	return KERN_SUCCESS;
}

kern_return_t serve_bench_server_cpus(mach_port_t server, natural_t *cpu_mask)
{
	(void)server;
	*cpu_mask = cpus_seen;
	return KERN_SUCCESS;
}

static bool succeeded(kern_return_t result, const char *what)
{
	if (result == KERN_SUCCESS)
		return true;
	print("bench: rpc-server: %s failed (0x%x)\n", what, (unsigned)result);
	return false;
}

int main(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t bootstrap, service;

	if (!succeeded(task_get_special_port(self, TASK_BOOTSTRAP_PORT, &bootstrap),
	               "task_get_special_port") ||
	    !succeeded(bootstrap == MACH_PORT_NULL ? KERN_INVALID_NAME : KERN_SUCCESS,
	               "inheriting a bootstrap port") ||
	    !succeeded(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &service),
	               "mach_port_allocate") ||
	    !succeeded(bench_register(bootstrap, service), "bench_register"))
		return 1;
	print("bench: rpc-server: serving on cpu %ld\n", wb_cpu_number());
	/* libmach's loop replies and receives the next request in one mach_msg. */
	succeeded(mach_msg_server(bench_rpc_server, BENCH_MESSAGE_MAX, service), "mach_msg_server");
	return 1;
}
