/* Power-off and stop paths (see machine.h). Power-off tries the debug-exit
 * port when enabled, then QEMU's ACPI PM ports, then halts. */
#include "arch/x86_64/machine.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/lapic.h"

static bool debug_exit_enabled;

void machine_set_debug_exit(bool enabled)
{
	debug_exit_enabled = enabled;
}

static _Noreturn void halt_forever(void)
{
	interrupts_disable();
	for (;;)
		__asm__ volatile("hlt");
}

_Noreturn void machine_power_off(int verdict)
{
	machine_stop_other_cpus();
	if (debug_exit_enabled)
		outl(0xf4, (uint32_t)verdict);
	/* QEMU's PIIX4 (pc) and ICH9 (q35) ACPI PM1a control ports, sleep type S5. */
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	halt_forever();
}

void machine_stop_other_cpus(void)
{
	lapic_broadcast_stop();
}

_Noreturn void machine_panic_stop(void)
{
	if (debug_exit_enabled)
		outl(0xf4, MACHINE_VERDICT_PANIC);
	halt_forever();
}
