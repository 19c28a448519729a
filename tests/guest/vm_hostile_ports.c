/* Hostile: every VM call through ports that are not a task (or not the
 * host-privileged port): null, unknown, dead, terminated task, thread, host. */
#include "vm_hostile.h"

enum { BAD_PORTS = 6 };
static mach_port_t bad_ports[BAD_PORTS];
static const char *const bad_port_names[BAD_PORTS] = {
    "null", "unknown name", "dead name", "terminated task", "thread", "host",
};
static const struct vm_hostile_target *aimed;

static kern_return_t do_allocate(mach_port_t task)
{
	vm_address_t address = 0;
	return vm_allocate(task, &address, VM_PAGE, TRUE);
}

static kern_return_t do_deallocate(mach_port_t task)
{
	return vm_deallocate(task, aimed->small, VM_PAGE);
}

static kern_return_t do_protect(mach_port_t task)
{
	return vm_protect(task, aimed->small, VM_PAGE, FALSE, VM_PROT_READ);
}

static kern_return_t do_inherit(mach_port_t task)
{
	return vm_inherit(task, aimed->small, VM_PAGE, VM_INHERIT_SHARE);
}

static kern_return_t do_read(mach_port_t task)
{
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	kern_return_t result = vm_read(task, aimed->small, VM_PAGE, &data, &count);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(mach_task_self(), data, count);
	return result;
}

static kern_return_t do_write(mach_port_t task)
{
	return vm_write(task, aimed->small, aimed->buffer, VM_PAGE);
}

static kern_return_t do_copy(mach_port_t task)
{
	return vm_copy(task, aimed->small, VM_PAGE, aimed->small + VM_PAGE);
}

static kern_return_t do_region(mach_port_t task)
{
	return vm_region_of(task, 0).result;
}

static kern_return_t do_statistics(mach_port_t task)
{
	vm_statistics_data_t statistics;
	return vm_statistics(task, &statistics);
}

static kern_return_t do_map(mach_port_t task)
{
	vm_address_t address = 0;
	return vm_map(task, &address, VM_PAGE, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT,
	              VM_PROT_ALL, VM_INHERIT_COPY);
}

static kern_return_t do_machine_attribute(mach_port_t task)
{
	vm_machine_attribute_val_t value = 0;
	return vm_machine_attribute(task, aimed->small, VM_PAGE, 1, &value);
}

static kern_return_t do_wire_task(mach_port_t task)
{
	return vm_wire(aimed->host_priv, task, aimed->small, VM_PAGE, VM_PROT_READ);
}

static kern_return_t do_wire_host(mach_port_t host)
{
	return vm_wire(host, aimed->victim, aimed->small, VM_PAGE, VM_PROT_READ);
}

static kern_return_t do_wire_all_task(mach_port_t task)
{
	return vm_wire_all(aimed->host_priv, task, 0);
}

static kern_return_t do_wire_all_host(mach_port_t host)
{
	return vm_wire_all(host, aimed->victim, 0);
}

static kern_return_t do_task_create(mach_port_t task)
{
	mach_port_t child = MACH_PORT_NULL;
	kern_return_t result = task_create(task, TRUE, &child);
	if (result == KERN_SUCCESS) {
		(void)task_terminate(child);
		(void)mach_port_deallocate(mach_task_self(), child);
	}
	return result;
}

static const struct {
	const char *what;
	kern_return_t (*call)(mach_port_t);
} calls[] = {
    {"vm_allocate", do_allocate},
    {"vm_deallocate", do_deallocate},
    {"vm_protect", do_protect},
    {"vm_inherit", do_inherit},
    {"vm_read", do_read},
    {"vm_write", do_write},
    {"vm_copy", do_copy},
    {"vm_region", do_region},
    {"vm_statistics", do_statistics},
    {"vm_map", do_map},
    {"vm_machine_attribute", do_machine_attribute},
    {"vm_wire (as the task)", do_wire_task},
    {"vm_wire (as the host-privileged port)", do_wire_host},
    {"vm_wire_all (as the task)", do_wire_all_task},
    {"vm_wire_all (as the host-privileged port)", do_wire_all_host},
    {"task_create(inherit_memory TRUE)", do_task_create},
};

static void make_bad_ports(void)
{
	mach_port_t self = mach_task_self();
	bad_ports[0] = MACH_PORT_NULL;
	bad_ports[1] = 0x7ffff701;
	mach_port_t dead = ipc_new_receive();
	(void)mach_port_insert_right(self, dead, dead, MACH_MSG_TYPE_MAKE_SEND);
	(void)mach_port_mod_refs(self, dead, MACH_PORT_RIGHT_RECEIVE, -1);
	bad_ports[2] = dead;
	bad_ports[3] = MACH_PORT_NULL;
	if (task_create(self, FALSE, &bad_ports[3]) == KERN_SUCCESS)
		(void)task_terminate(bad_ports[3]);
	bad_ports[4] = mach_thread_self();
	bad_ports[5] = mach_host_self();
}

void vm_hostile_bad_ports(const struct vm_hostile_target *target)
{
	aimed = target;
	make_bad_ports();
	check(ipc_type_of(bad_ports[2]) == MACH_PORT_TYPE_DEAD_NAME,
	      "a dead name to use as a port is made");
	for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		bool refused = true;
		char results[160];
		unsigned length = 0;
		for (unsigned p = 0; p < BAD_PORTS; p++) {
			kern_return_t result = calls[c].call(bad_ports[p]);
			refused = refused && result != KERN_SUCCESS;
			length +=
			    (unsigned)format_string_to(results + length, sizeof(results) - length,
			                               "%s0x%x", p ? " " : "", result);
			if (length >= sizeof(results))
				length = sizeof(results) - 1;
			if (result == KERN_SUCCESS)
				print("# %s through the %s port succeeded\n", calls[c].what,
				      bad_port_names[p]);
		}
		check(refused,
		      "%s refuses null, unknown, dead, terminated-task, thread and host "
		      "ports (%s)",
		      calls[c].what, results);
	}
	mach_port_t self = mach_task_self();
	for (unsigned p = 2; p < BAD_PORTS; p++)
		if (MACH_PORT_VALID(bad_ports[p]))
			(void)mach_port_deallocate(self, bad_ports[p]);
}
