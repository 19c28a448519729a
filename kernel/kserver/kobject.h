/* Kernel objects behind ports: the kinds the kernel gives kernel/ipc, the host
 * object, and creating/destroying the ports of tasks and threads. */
#ifndef WB_KSERVER_KOBJECT_H
#define WB_KSERVER_KOBJECT_H

#include <stdbool.h>

struct task;
struct thread;
struct ipc_port;

enum kobject_kind {
	KOBJECT_NONE = 0,
	KOBJECT_TASK,
	KOBJECT_THREAD,
	KOBJECT_HOST,          /* the host name port: information only */
	KOBJECT_HOST_PRIV,     /* the host-privileged port: given to the bootstrap task only */
	KOBJECT_DEVICE_MASTER, /* the device master port: opens devices (device_object.c) */
	KOBJECT_DEVICE,        /* an open device (a boot module, "mem") */
	KOBJECT_PHYSICAL_MEMORY, /* a memory object of physical memory (device_memory.c) */
	KOBJECT_MEMORY_CONTROL, /* a memory object's control port: the pager answers on it */
	KOBJECT_IO_PERM,        /* a range of I/O ports a task may be given (io_perm_routines.c) */
};

struct host {
	struct ipc_port *name_port;
	struct ipc_port *privileged_port;
};
extern struct host host_object;

/* Creates the host ports and installs the task/thread port hooks. */
void kobject_system_init(void);
/* User faults go to exception ports from now on (exception_delivery.c). */
void exception_delivery_init(void);
/* The "irq" device's I/O APICs and delivery thread (device_irq.c); false
 * without an I/O APIC. */
bool device_irq_init(void);

#endif
