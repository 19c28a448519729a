/* C prototypes of the Mach traps libmach provides (numbers and stubs come from
 * gnumach-dev's mach/syscall_sw.h), and of Wildebeest's boot-stage traps. */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/boolean.h>

/* GNU Mach traps (mach/syscall_sw.h). */
void mach_print(const char *text);
boolean_t swtch(void);
boolean_t swtch_pri(int priority);

/* Wildebeest boot-stage traps (wildebeest/boot_traps.h explains each). */
long wb_module_count(void);
kern_return_t wb_task_spawn(unsigned module_index, uint64_t *task_id);
kern_return_t wb_task_wait(uint64_t task_id, int *status);
kern_return_t wb_thread_spawn(uint64_t rip, uint64_t rsp, uint64_t argument, uint64_t *thread_id);
_Noreturn void wb_thread_exit(void);
_Noreturn void wb_task_exit(int status);
long wb_cpu_number(void);
long wb_cpu_count(void);
kern_return_t wb_power_off(int verdict);

#endif
