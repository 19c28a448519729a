/* mach_i386.defs, served by the kernel: I/O permissions (ranges of ports the
 * device master's holder hands out) and turning them on for a task; no LDT/GDT. */
#include "kserver_types.h"
#include "kobject.h"
#include "device_object.h"
#include "mach_i386_server.h"
#include "arch/x86_64/io_bitmap.h"
#include "kern/cpu.h"

io_perm_t convert_port_to_io_perm(ipc_port_t port)
{
	return device_io_perm_lookup(port);
}

ipc_port_t convert_io_perm_to_port(io_perm_t io_perm)
{
	return convert_device_to_port(io_perm);
}

void io_perm_deallocate(io_perm_t io_perm)
{
	device_deallocate(io_perm);
}

kern_return_t i386_io_perm_create(ipc_port_t master_port, io_port_t from, io_port_t to,
                                  io_perm_t *io_perm)
{
	if (!device_is_master_port(master_port))
		return KERN_INVALID_ARGUMENT;
	if (from > to)
		return KERN_INVALID_ARGUMENT;
	if (io_ports_kernel_owned(from, to))
		return KERN_PROTECTION_FAILURE;
	device_t created = device_create_kind(KOBJECT_IO_PERM);
	if (!created)
		return KERN_RESOURCE_SHORTAGE;
	created->io_from = from;
	created->io_to = to;
	*io_perm = created;
	return KERN_SUCCESS;
}

kern_return_t i386_io_perm_modify(task_t target_task, io_perm_t io_perm, boolean_t enable)
{
	if (!target_task || !io_perm)
		return KERN_INVALID_ARGUMENT;
	bool current = current_thread()->task == target_task;
	if (!io_grants_modify(&target_task->io_grants, io_perm->io_from, io_perm->io_to,
	                      enable != FALSE, current))
		return KERN_NO_SPACE;
	return KERN_SUCCESS;
}

/* Tasks have no LDT and no per-thread GDT slots here (the FS and GS bases
 * serve thread-local storage): these calls are refused. */
kern_return_t i386_set_ldt(thread_t target_thread, int first_selector,
                           const_descriptor_list_t desc_list, mach_msg_type_number_t desc_listCnt,
                           boolean_t desc_listSCopy)
{
	(void)target_thread;
	(void)first_selector;
	(void)desc_list;
	(void)desc_listCnt;
	(void)desc_listSCopy;
	return KERN_FAILURE;
}

kern_return_t i386_get_ldt(thread_t target_thread, int first_selector, int selector_count,
                           descriptor_list_t *desc_list, mach_msg_type_number_t *desc_listCnt)
{
	(void)target_thread;
	(void)first_selector;
	(void)selector_count;
	(void)desc_list;
	(void)desc_listCnt;
	return KERN_FAILURE;
}

kern_return_t i386_set_gdt(thread_t target_thread, int *selector, descriptor_t desc)
{
	(void)target_thread;
	(void)selector;
	(void)desc;
	return KERN_FAILURE;
}

kern_return_t i386_get_gdt(thread_t target_thread, int selector, descriptor_t *desc)
{
	(void)target_thread;
	(void)selector;
	(void)desc;
	return KERN_FAILURE;
}
