/* Module 1 of the out-of-line benchmark (bench/vm.sh): serves bench_ool_touch, reading a
 * byte of every page of the region it receives and deallocating it, until power-off. */
#include "rt/rt.h"
#include "bench_vm_common.h"
#include "bench_vm_ool_server.h"

#define PROGRAM     "ool-server"
#define MESSAGE_MAX 256 /* more than a request or reply of bench_vm_ool */

/* The MIG-generated demultiplexer, which MIG's server header does not declare. */
boolean_t bench_vm_ool_server(mach_msg_header_t *request, mach_msg_header_t *reply);

kern_return_t serve_bench_ool_touch(mach_port_t server, vm_offset_t data,
                                    mach_msg_type_number_t data_count, natural_t *page_byte_sum)
{
	const volatile uint8_t *bytes = (const volatile uint8_t *)data;
	natural_t sum = 0;

	(void)server;
	for (uint64_t offset = 0; offset < data_count; offset += BENCH_VM_PAGE_SIZE)
		sum += bytes[offset];
	*page_byte_sum = sum;
	/* The region is ours now: returning KERN_SUCCESS, the stub leaves it to us. */
	return vm_deallocate(mach_task_self(), data, data_count);
}

int main(void)
{
	mach_port_t service;

	if (!bench_vm_succeeded(
	        PROGRAM, mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &service),
	        "mach_port_allocate") ||
	    !bench_vm_register(PROGRAM, service))
		return 1;
	bench_vm_succeeded(PROGRAM, mach_msg_server(bench_vm_ool_server, MESSAGE_MAX, service),
	                   "mach_msg_server");
	return 1;
}
