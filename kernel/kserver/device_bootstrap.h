/* The bootstrap task's ports: send rights to the host-privileged port and the
 * device master port, put in its name space before it runs, and the argv words
 * that name them (as GNU Mach's boot scripts do). */
#ifndef WB_KSERVER_DEVICE_BOOTSTRAP_H
#define WB_KSERVER_DEVICE_BOOTSTRAP_H

#include <stddef.h>
#include <mach/kern_return.h>

struct task;

/* Gives task the two rights and writes
 * "--host-priv-port=N --device-master-port=M" into words (size bytes). */
kern_return_t device_bootstrap_give_ports(struct task *task, char *words, size_t size);

#endif
