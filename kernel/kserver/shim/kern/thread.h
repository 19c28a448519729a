/* For gnumach-dev's <mach/mach_types.h> under MACH_KERNEL: thread_t is the
 * kernel's thread. */
#ifndef WB_KSERVER_SHIM_KERN_THREAD_H
#define WB_KSERVER_SHIM_KERN_THREAD_H
#include "../../../kern/thread.h"
typedef struct thread *thread_t;
typedef thread_t *thread_array_t;
#endif
