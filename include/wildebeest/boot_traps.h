/* Wildebeest's provisional boot-stage traps: what user tasks need before the
 * kernel's Mach RPC interfaces exist. Shared by the kernel and user programs.
 *
 * They use trap numbers GNU Mach leaves unassigned (-100 .. -108) and the same
 * `syscall` convention as the Mach traps (include/mach/machine/syscall_sw.h).
 * Each one is replaced by the real Mach interface in the IPC issue
 * (task_create + vm_write + thread_create for spawning, task_terminate for
 * exit, host_info for the CPU count, the bootstrap's module ports), and then
 * removed. */
#ifndef WILDEBEEST_BOOT_TRAPS_H
#define WILDEBEEST_BOOT_TRAPS_H

/* () -> number of multiboot modules */
#define WB_TRAP_MODULE_COUNT -100
/* (unsigned index, uint64_t *task_id) -> kern_return_t: starts boot module
 * `index` (a static ELF64 executable) as a new task, a child of the caller,
 * with the module's command line as argv. KERN_INVALID_ARGUMENT: no such
 * module or not a loadable executable; KERN_RESOURCE_SHORTAGE: a limit. */
#define WB_TRAP_TASK_SPAWN -101
/* (uint64_t task_id, int *status) -> kern_return_t: waits for a task the
 * caller started with WB_TRAP_TASK_SPAWN to end; *status is its exit status
 * (0..255) or 0x100 | the CPU exception vector that killed it (0x1ff: a system
 * call it had no emulator for). KERN_INVALID_ARGUMENT: not such a child of the
 * caller (tasks made by Mach's task_create are not), or already waited for. */
#define WB_TRAP_TASK_WAIT -102
/* (uint64_t rip, uint64_t rsp, uint64_t argument, uint64_t *thread_id)
 * -> kern_return_t: a new thread in the caller's task, entered at rip with
 * rsp and rdi = argument. */
#define WB_TRAP_THREAD_SPAWN -103
/* () -> does not return: ends the calling thread (the task ends with its last). */
#define WB_TRAP_THREAD_EXIT -104
/* (int status) -> does not return: ends every thread of the calling task. */
#define WB_TRAP_TASK_EXIT -105
/* () -> index of the CPU the caller runs on (0 = boot CPU) */
#define WB_TRAP_CPU_NUMBER -106
/* () -> number of CPUs online */
#define WB_TRAP_CPU_COUNT -107
/* (int verdict) -> the bootstrap task only: powers the machine off; verdict 0
 * reports success to a test harness, anything else failure. Others get
 * KERN_INVALID_HOST. */
#define WB_TRAP_POWER_OFF -108

#define WB_TASK_STATUS_FAULTED 0x100

#endif
