/* The multiboot modules as the kernel hands them to user space: module 0 is
 * the bootstrap task; the others are started on its request (boot traps). */
#ifndef WB_KERN_BOOT_MODULES_H
#define WB_KERN_BOOT_MODULES_H

#include <stdbool.h>
#include <mach/kern_return.h>

struct task;

unsigned boot_module_count(void);
kern_return_t boot_module_spawn(struct task *parent, unsigned index, struct task **task_out);
/* Starts module 0 as the bootstrap task, with send rights to the host-privileged
 * and device master ports named by the words "--host-priv-port=N
 * --device-master-port=M" added to its argv; false if there is none or it fails. */
bool boot_modules_start_bootstrap(void);

#endif
