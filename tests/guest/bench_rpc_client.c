/* Module 0 of the null-RPC benchmark (bench/ipc_rpc.sh): starts the server (module 1),
 * gets its service port through the bootstrap port, times bench_null round trips with
 * rdtsc and prints "bench: rpc null median-cycles=N ..." with the CPUs each side ran on. */
#include "rt/rt.h"
#include <mach.h>
#include <mach/task_special_ports.h>
#include "bench_rpc.h"
#include "bench_rpc_rendezvous_server.h"
#include "bench_rpc_stats.h"

#define DEFAULT_CALLS          100000
#define MAXIMUM_CALLS          400000
#define WARMUP_CALLS           2000
#define CPU_SAMPLE_MASK        1023 /* note the CPU every 1024 calls, outside the timing */
#define RENDEZVOUS_MESSAGE_MAX 256
#define RENDEZVOUS_TIMEOUT_MS  10000 /* the server registers at once or never */

/* The MIG-generated demultiplexer, which MIG's server header does not declare. */
boolean_t bench_rpc_rendezvous_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static uint32_t call_cycles[MAXIMUM_CALLS];
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

static bool succeeded(kern_return_t result, const char *what)
{
	if (result == KERN_SUCCESS)
		return true;
	print("bench: rpc: %s failed (0x%x)\n", what, (unsigned)result);
	return false;
}

/* A receive right with a send right, made this task's bootstrap port so that the
 * server, which inherits it, can register with us. */
static bool make_rendezvous_port(mach_port_t *rendezvous)
{
	mach_port_t self = mach_task_self();

	return succeeded(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, rendezvous),
	                 "mach_port_allocate") &&
	       succeeded(
	           mach_port_insert_right(self, *rendezvous, *rendezvous, MACH_MSG_TYPE_MAKE_SEND),
	           "mach_port_insert_right") &&
	       succeeded(task_set_special_port(self, TASK_BOOTSTRAP_PORT, *rendezvous),
	                 "task_set_special_port");
}

/* Receives the server's bench_register message and returns the service port. A
 * simpleroutine: the demultiplexer's reply is not sent. */
static bool receive_service_port(mach_port_t rendezvous, mach_port_t *service)
{
	union {
		mach_msg_header_t header;
		uint8_t bytes[RENDEZVOUS_MESSAGE_MAX];
	} request, reply;
	mach_msg_return_t received =
	    mach_msg(&request.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(request),
	             rendezvous, RENDEZVOUS_TIMEOUT_MS, MACH_PORT_NULL);

	if (!succeeded(received, "receiving the server's registration"))
		return false;
	if (!bench_rpc_rendezvous_server(&request.header, &reply.header)) {
		print("bench: rpc: unexpected message %d on the bootstrap port\n",
		      request.header.msgh_id);
		return false;
	}
	if (registered_service == MACH_PORT_NULL) {
		print("bench: rpc: the registration carried no service port\n");
		return false;
	}
	*service = registered_service;
	return true;
}

static unsigned parse_calls(int argc, char **argv)
{
	unsigned calls = 0;

	if (argc < 2)
		return DEFAULT_CALLS;
	for (const char *digit = argv[1]; *digit >= '0' && *digit <= '9'; digit++)
		calls = calls * 10 + (unsigned)(*digit - '0');
	return calls >= 1 && calls <= MAXIMUM_CALLS ? calls : DEFAULT_CALLS;
}

static uint64_t cpu_bit(void)
{
	long cpu = wb_cpu_number();
	return cpu >= 0 && cpu < 64 ? 1ull << cpu : 0;
}

/* Times `calls` bench_null round trips into call_cycles, after a warm-up. */
static bool time_calls(mach_port_t service, unsigned calls, uint64_t *client_cpus)
{
	for (unsigned i = 0; i < WARMUP_CALLS; i++) {
		if (!succeeded(bench_null(service), "bench_null (warm-up)"))
			return false;
	}
	for (unsigned i = 0; i < calls; i++) {
		uint64_t start = read_tsc();
		kern_return_t result = bench_null(service);
		uint64_t cycles = read_tsc() - start;
		if (!succeeded(result, "bench_null"))
			return false;
		call_cycles[i] = cycles > UINT32_MAX ? UINT32_MAX : (uint32_t)cycles;
		if ((i & CPU_SAMPLE_MASK) == 0)
			*client_cpus |= cpu_bit();
	}
	return true;
}

int main(int argc, char **argv)
{
	unsigned calls = parse_calls(argc, argv);
	mach_port_t rendezvous, service;
	uint64_t server_task, client_cpus = cpu_bit();
	natural_t server_cpus = 0;

	if (!make_rendezvous_port(&rendezvous) ||
	    !succeeded(wb_task_spawn(1, &server_task), "starting module 1 (the server)") ||
	    !receive_service_port(rendezvous, &service) ||
	    !time_calls(service, calls, &client_cpus) ||
	    !succeeded(bench_server_cpus(service, &server_cpus), "bench_server_cpus"))
		return 1;

	struct cycle_summary summary = summarize_cycles(call_cycles, calls);
	print("bench: rpc null median-cycles=%u min-cycles=%u p90-cycles=%u calls=%u cpus=%ld "
	      "client-cpus=0x%lx server-cpus=0x%x\n",
	      summary.median, summary.minimum, summary.p90, calls, wb_cpu_count(),
	      (unsigned long)client_cpus, (unsigned)server_cpus);
	return 0;
}
