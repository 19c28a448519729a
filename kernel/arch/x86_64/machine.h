/* Whole-machine operations: power off (with a verdict for the test harness),
 * stopping the other CPUs, and the final stop after a panic. */
#ifndef WB_ARCH_MACHINE_H
#define WB_ARCH_MACHINE_H

#include <stdbool.h>

/* Verdicts written to QEMU's isa-debug-exit device when the kernel command line
 * has `debug-exit`; QEMU then exits with status (verdict << 1) | 1. */
#define MACHINE_VERDICT_PASS  0x10
#define MACHINE_VERDICT_FAIL  0x11
#define MACHINE_VERDICT_PANIC 0x12

void machine_set_debug_exit(bool enabled);
_Noreturn void machine_power_off(int verdict);
void machine_stop_other_cpus(void);
_Noreturn void machine_panic_stop(void);

#endif
