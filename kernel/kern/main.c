/* Kernel start-up: the boot CPU brings up memory, descriptor tables, zones,
 * timers and the other CPUs, starts the bootstrap task, then idles; APs join. */
#include "kern/kernel.h"
#include "kern/arguments.h"
#include "kern/boot_info.h"
#include "kern/boot_modules.h"
#include "kern/cpu.h"
#include "kern/kalloc.h"
#include "arch/x86_64/mtrr.h"
#include "ipc/ipc_kernel.h"
#include "kserver/kobject.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kern/timer.h"
#include "kern/time_page.h"
#include "kern/entropy.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/machine.h"
#include "arch/x86_64/multiboot.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/pmap.h"
#include "arch/x86_64/smp.h"
#include "dev/console.h"
#include "vm/physmem.h"
#include "vm/vm_init.h"
#include "vm/vm_pager.h"

static void cpu_common_start(struct cpu *cpu)
{
	cpu_arch_init(cpu);
	fpu_init_cpu();
	lapic_init();
	sched_init_cpu(cpu);
	thread_adopt_boot_context();
}

_Noreturn void kernel_main(uint32_t multiboot_magic, uint64_t multiboot_info_phys)
{
	console_init();
	if (!multiboot_read(multiboot_magic, multiboot_info_phys))
		panic("boot: not started by a multiboot loader with a memory map");
	console_set_quiet(arguments_has_flag(boot_info.cmdline, "quiet"));
	if (!console_quiet())
		kprintf("Wildebeest microkernel (x86_64)\n");
	machine_set_debug_exit(arguments_has_flag(boot_info.cmdline, "debug-exit"));
	if (mtrr_enable_write_back_default() && !console_quiet())
		kprintf("memory: the firmware left the MTRRs off; RAM is now write-back\n");
	pmap_enable_cpu_features();
	pmap_bootstrap();
	if (!console_quiet())
		kprintf("memory: %lu MiB usable, %u boot modules\n",
		        (unsigned long)(physmem_usable_count() * PAGE_SIZE >> 20),
		        boot_info.module_count);
	kalloc_init(KALLOC_DEFAULT_CLASS_BYTES, KALLOC_DEFAULT_LARGE_BYTES);
	vm_system_init();
	vm_pager_system_init(boot_info.cmdline);

	pic_disable();
	idt_init();
	cpus[0].index = 0;
	cpu_count = 1;
	thread_system_init();
	task_system_init();
	cpu_common_start(&cpus[0]);
	fpu_system_init();
	cpus[0].apic_id = lapic_id();
	lapic_calibrate();
	timer_system_init();
	if (!time_page_init())
		panic("time: no page for the time page");
	entropy_init(!arguments_has_flag(boot_info.cmdline, "entropy-no-rdrand"));
	if (!console_quiet())
		kprintf("entropy: pool from interrupt timing%s\n",
		        entropy_uses_cpu_generator() ? " and the CPU's RDSEED/RDRAND" : " only");
	if (!console_quiet())
		kprintf("cpu0: tsc %lu Hz\n", (unsigned long)tsc_hz());
	cpus[0].online = true;
	smp_start_aps();
	if (!console_quiet())
		kprintf("smp: %u CPUs online\n", cpu_count);
	timer_start_cpu(SCHED_HZ);
	ipc_init();
	kobject_system_init();
	exception_delivery_init();
	(void)device_irq_init();
	boot_modules_start_bootstrap();
	sched_idle_loop();
}

_Noreturn void kernel_ap_main(struct cpu *cpu)
{
	mtrr_enable_write_back_default();
	pmap_activate(NULL);
	pmap_enable_cpu_features();
	cpu_common_start(cpu);
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	timer_start_cpu(SCHED_HZ);
	sched_idle_loop();
}
