/* Server side of the VM benchmarks' rendezvous: hands the client a send right through the
 * bootstrap port inherited from it (bench_rpc_rendezvous.defs). */
#include "rt/rt.h"
#include <mach/task_special_ports.h>
#include "bench_rpc_rendezvous.h"
#include "bench_vm_common.h"

bool bench_vm_register(const char *program, mach_port_t service)
{
	mach_port_t bootstrap;

	if (!bench_vm_succeeded(
	        program, task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT, &bootstrap),
	        "task_get_special_port"))
		return false;
	if (bootstrap == MACH_PORT_NULL) {
		print("bench: vm %s: no bootstrap port inherited\n", program);
		return false;
	}
	return bench_vm_succeeded(program, bench_register(bootstrap, service), "bench_register");
}
