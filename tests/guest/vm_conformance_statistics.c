/* Conformance: vm_statistics (the host's figures through any task's port:
 * page size, page counts within the machine's memory) and
 * vm_machine_attribute (whatever it answers, the kernel carries on). */
#include "vm_conformance.h"
#include <mach/host_info.h>
#include <mach/vm_attributes.h>

static void statistics(void)
{
	mach_port_t self = mach_task_self();
	vm_statistics_data_t ours = {0};
	kern_return_t result = vm_statistics(self, &ours);
	check(result == KERN_SUCCESS, "vm_statistics through our task port succeeds (0x%x)",
	      result);
	check(result == KERN_SUCCESS && ours.pagesize == (integer_t)VM_PAGE,
	      "it reports the page size, 4096 (%d)", ours.pagesize);

	struct host_basic_info basic = {0};
	mach_msg_type_number_t count = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self();
	kern_return_t info = host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &count);
	(void)mach_port_deallocate(self, host);
	uint64_t pages = info == KERN_SUCCESS ? basic.memory_size / VM_PAGE : 0;
	uint64_t counted = (uint64_t)ours.free_count + (uint64_t)ours.active_count +
	                   (uint64_t)ours.inactive_count + (uint64_t)ours.wire_count;
	check(result == KERN_SUCCESS && info == KERN_SUCCESS && ours.free_count > 0 &&
	          counted <= pages,
	      "free, active, inactive and wired pages are some and fit the machine's memory (%lu "
	      "of %lu)",
	      (unsigned long)counted, (unsigned long)pages);

	mach_port_t task = MACH_PORT_NULL;
	vm_statistics_data_t theirs = {0};
	kern_return_t created = task_create(self, FALSE, &task);
	result = created == KERN_SUCCESS ? vm_statistics(task, &theirs) : created;
	check(result == KERN_SUCCESS && theirs.pagesize == ours.pagesize,
	      "vm_statistics through another task's port reports the same host (0x%x)", result);
	if (created == KERN_SUCCESS) {
		(void)task_terminate(task);
		(void)mach_port_deallocate(self, task);
	}
	mach_port_t thread = mach_thread_self();
	result = vm_statistics(thread, &theirs);
	(void)mach_port_deallocate(self, thread);
	check(result != KERN_SUCCESS && result != MIG_BAD_ID,
	      "vm_statistics through a thread port is refused (0x%x)", result);
}

static void machine_attribute(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t address = vm_new_region(2 * VM_PAGE);
	vm_machine_attribute_val_t value = MATTR_VAL_CACHE_FLUSH;
	kern_return_t flushed =
	    vm_machine_attribute(self, address, 2 * VM_PAGE, MATTR_CACHE, &value);
	value = MATTR_VAL_GET;
	kern_return_t asked = vm_machine_attribute(self, address, 2 * VM_PAGE, MATTR_CACHE, &value);
	value = MATTR_VAL_ON;
	kern_return_t odd = vm_machine_attribute(self, address, 2 * VM_PAGE, 0x80, &value);
	vm_address_t alive = 0;
	kern_return_t allocated = vm_allocate(self, &alive, VM_PAGE, TRUE);
	if (allocated == KERN_SUCCESS)
		(void)vm_deallocate(self, alive, VM_PAGE);
	check(address && allocated == KERN_SUCCESS,
	      "vm_machine_attribute answers (flush 0x%x, get 0x%x, unknown 0x%x) and the kernel "
	      "carries on",
	      flushed, asked, odd);
	if (address)
		(void)vm_deallocate(self, address, 2 * VM_PAGE);
}

void vm_conformance_statistics(void)
{
	statistics();
	machine_attribute();
}
