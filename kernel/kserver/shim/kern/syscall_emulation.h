/* For gnumach-dev's <mach/mach_types.h> under MACH_KERNEL: the emulation
 * vector of task_set_emulation_vector (D4). */
#ifndef WB_KSERVER_SHIM_KERN_SYSCALL_EMULATION_H
#define WB_KSERVER_SHIM_KERN_SYSCALL_EMULATION_H
#include <mach/machine/vm_types.h>
typedef vm_offset_t *emulation_vector_t;
#endif
