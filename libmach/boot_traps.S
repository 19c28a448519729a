/* Stubs of Wildebeest's provisional boot-stage traps (wildebeest/boot_traps.h),
 * built with the same kernel_trap macro as the Mach traps. */
#include <mach/machine/syscall_sw.h>
#include <wildebeest/boot_traps.h>

	.text
kernel_trap(wb_module_count, WB_TRAP_MODULE_COUNT, 0)
kernel_trap(wb_task_spawn, WB_TRAP_TASK_SPAWN, 2)
kernel_trap(wb_task_wait, WB_TRAP_TASK_WAIT, 2)
kernel_trap(wb_thread_spawn, WB_TRAP_THREAD_SPAWN, 4)
kernel_trap(wb_thread_exit, WB_TRAP_THREAD_EXIT, 0)
kernel_trap(wb_task_exit, WB_TRAP_TASK_EXIT, 1)
kernel_trap(wb_cpu_number, WB_TRAP_CPU_NUMBER, 0)
kernel_trap(wb_cpu_count, WB_TRAP_CPU_COUNT, 0)
kernel_trap(wb_power_off, WB_TRAP_POWER_OFF, 1)
	.section .note.GNU-stack, "", @progbits
