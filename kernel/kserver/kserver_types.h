/* The kernel object types and port translations that the MIG KERNEL_SERVER
 * stubs of gnumach-dev's interfaces call (intran/outtran/destructor in
 * mach_types.defs). Implemented in kobject_conversions.c. */
#ifndef WB_KSERVER_KSERVER_TYPES_H
#define WB_KSERVER_KSERVER_TYPES_H

#include <stdbool.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/machine/vm_types.h>
#include <ipc/ipc_types.h>
#include <kern/task.h>
#include <kern/thread.h>
#include <kern/processor.h>

/* Without address maps yet (VM issue), a vm_map_t is the task owning the map. */
typedef struct task *vm_map_t;
struct vm_object;
typedef struct vm_object *vm_object_t;

#define TASK_NULL   ((task_t)0)
#define THREAD_NULL ((thread_t)0)
#define HOST_NULL   ((host_t)0)

/* Each returns the object with a reference (released by the destructor), or
 * NULL when port is not a live port of that kind. */
task_t convert_port_to_task(ipc_port_t port);
thread_t convert_port_to_thread(ipc_port_t port);
ipc_space_t convert_port_to_space(ipc_port_t port);
vm_map_t convert_port_to_map(ipc_port_t port);
host_t convert_port_to_host(ipc_port_t port); /* host or host-privileged port */
host_t convert_port_to_host_priv(ipc_port_t port);
processor_t convert_port_to_processor(ipc_port_t port);
processor_set_t convert_port_to_pset(ipc_port_t port);
processor_set_name_t convert_port_to_pset_name(ipc_port_t port);
vm_object_t vm_object_lookup(ipc_port_t port);
vm_object_t vm_object_lookup_name(ipc_port_t port);

void task_deallocate(task_t task);
void thread_deallocate(thread_t thread);
void space_deallocate(ipc_space_t space);
void vm_map_deallocate(vm_map_t map);
void pset_deallocate(processor_set_t set);
void vm_object_deallocate(vm_object_t object);

/* Each consumes the object reference and returns a send right (IP_NULL if none). */
ipc_port_t convert_task_to_port(task_t task);
ipc_port_t convert_thread_to_port(thread_t thread);
ipc_port_t convert_host_to_port(host_t host);
ipc_port_t convert_pset_to_port(processor_set_t set);
ipc_port_t convert_pset_name_to_port(processor_set_name_t set);

/* gnumach-dev's vm_types.h maps convert_vm_{to,from}_user onto this. */
#define null_conversion(value) (value)

/* Port rights in kernel-format messages (kernel/ipc): IP_DEAD is a right whose
 * port died in flight. */
#define IP_DEAD        ((ipc_port_t)~0UL)
#define IP_VALID(port) ((port) != IP_NULL && (port) != IP_DEAD)
void ipc_port_release_send(ipc_port_t port);
/* True if moving port's receive right into a message queued on destination
 * would make a cycle of ports holding each other's receive rights. */
bool ipc_port_check_circularity(ipc_port_t port, ipc_port_t destination);

#endif
