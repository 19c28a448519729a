/* For gnumach-dev's <mach/mach_types.h> under MACH_KERNEL: task_t is the
 * kernel's task, as the KERNEL_SERVER stubs' translations hand it over. */
#ifndef WB_KSERVER_SHIM_KERN_TASK_H
#define WB_KSERVER_SHIM_KERN_TASK_H
#include "../../../kern/task.h"
typedef struct task *task_t;
typedef task_t *task_array_t;
typedef task_t vm_task_t;
typedef task_t ipc_space_t;
#endif
