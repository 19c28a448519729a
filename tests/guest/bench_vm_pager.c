/* Module 1 of the pager-read benchmark (bench/vm.sh): an external pager serving a 64 MiB
 * memory object of bench_vm_pattern.h's pattern through memory_object.defs, until power-off. */
#include "rt/rt.h"
#include <mach/memory_object.h>
#include <mach/memory_object_server.h>
#include "bench_vm_common.h"
#include "bench_vm_pattern.h"

#define PROGRAM     "pager"
#define OBJECT_SIZE (64ull << 20)
#define MESSAGE_MAX 1024 /* more than any memory_object.defs request carries inline */

/* The MIG-generated demultiplexer, which MIG's server header does not declare. */
boolean_t memory_object_server(mach_msg_header_t *request, mach_msg_header_t *reply);

/* The object's port. The kernel's requests arrive on it; the answers go to the request's
 * control port (mach.defs): init gets memory_object_ready, data_request data_supply. */
static mach_port_t object = MACH_PORT_NULL;

kern_return_t memory_object_init(mach_port_t memory_object, mach_port_t control, mach_port_t name,
                                 vm_size_t page_size)
{
	(void)name; /* kept with control until terminate */
	if (memory_object != object || page_size != BENCH_VM_PAGE_SIZE) {
		print("bench: vm %s: init of object %u with page size %lu refused\n", PROGRAM,
		      memory_object, (unsigned long)page_size);
		return KERN_INVALID_ARGUMENT; /* the server loop releases the rights */
	}
	/* Not cached: each mapping of the benchmark pages the object in again. */
	bench_vm_succeeded(PROGRAM, memory_object_ready(control, FALSE, MEMORY_OBJECT_COPY_NONE),
	                   "memory_object_ready");
	return KERN_SUCCESS;
}

/* Sends [offset, offset + length) of the object, stamped, to the kernel. */
static kern_return_t supply(mach_port_t control, vm_offset_t offset, vm_size_t length)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	kern_return_t result = vm_allocate(self, &data, length, TRUE);

	if (result != KERN_SUCCESS)
		return result;
	for (vm_size_t page = 0; page < length; page += BENCH_VM_PAGE_SIZE)
		bench_vm_pattern_stamp((void *)(data + page), offset + page);
	/* Deallocated on the way: the pages go to the kernel, not a copy of them. */
	result = memory_object_data_supply(control, offset, data, length, TRUE, VM_PROT_NONE, FALSE,
	                                   MACH_PORT_NULL);
	if (result != KERN_SUCCESS)
		(void)vm_deallocate(self, data, length);
	return result;
}

kern_return_t memory_object_data_request(mach_port_t memory_object, mach_port_t control,
                                         vm_offset_t offset, vm_size_t length,
                                         vm_prot_t desired_access)
{
	kern_return_t result;

	(void)desired_access; /* read-only data, never locked */
	if (memory_object != object || offset % BENCH_VM_PAGE_SIZE != 0 ||
	    length % BENCH_VM_PAGE_SIZE != 0 || length == 0 || offset > OBJECT_SIZE ||
	    length > OBJECT_SIZE - offset)
		result = KERN_INVALID_ARGUMENT;
	else
		result = supply(control, offset, length);
	if (!bench_vm_succeeded(PROGRAM, result, "supplying data"))
		(void)memory_object_data_error(control, offset, length, result);
	/* This request's send right to control; init's stays until terminate. */
	(void)mach_port_deallocate(mach_task_self(), control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_terminate(mach_port_t memory_object, mach_port_t control,
                                      mach_port_t name)
{
	mach_port_t self = mach_task_self();

	(void)memory_object;
	/* The receive rights arrive on the names of init's send rights: all go. */
	(void)mach_port_destroy(self, control);
	(void)mach_port_destroy(self, name);
	return KERN_SUCCESS;
}

int main(void)
{
	if (!bench_vm_succeeded(
	        PROGRAM, mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &object),
	        "mach_port_allocate") ||
	    !bench_vm_register(PROGRAM, object))
		return 1;
	bench_vm_succeeded(PROGRAM, mach_msg_server(memory_object_server, MESSAGE_MAX, object),
	                   "mach_msg_server");
	return 1;
}
