/* AP start-up (see smp.h): copy the trampoline to low memory, point it at a
 * fresh boot stack and the CPU's struct, send INIT-SIPI-SIPI, wait for online. */
#include "arch/x86_64/smp.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "kern/cpu.h"
#include "kern/kernel.h"
#include "dev/console.h"
#include "vm/physmem.h"
#include "lib/kstring.h"

extern char ap_trampoline_start[], ap_trampoline_end[];
extern uint64_t ap_cr3, ap_stack, ap_cpu, ap_entry, ap_efer_bits;

#define TRAMPOLINE_FIELD(field) \
	((uint64_t *)phys_to_virt(AP_TRAMPOLINE_PHYS + ((char *)&(field) - ap_trampoline_start)))

static void ap_entry_point(struct cpu *cpu)
{
	kernel_ap_main(cpu);
}

void smp_start_aps(void)
{
	uint32_t apic_ids[MAX_CPUS];
	unsigned found = acpi_find_cpus(apic_ids, MAX_CPUS);
	if (found == 0) {
		kprintf("smp: no ACPI MADT found; running on the boot CPU only\n");
		return;
	}
	memcpy(phys_to_virt(AP_TRAMPOLINE_PHYS), ap_trampoline_start,
	       (size_t)(ap_trampoline_end - ap_trampoline_start));
	uint32_t self = lapic_id();
	for (unsigned i = 0; i < found && cpu_count < MAX_CPUS; i++) {
		if (apic_ids[i] == self)
			continue;
		uint64_t stack_phys;
		if (!physmem_alloc_contiguous(KERNEL_STACK_SIZE / PAGE_SIZE, KERNEL_STACK_SIZE / PAGE_SIZE, 0, &stack_phys)) {
			kprintf("smp: no memory for a boot stack; not starting more CPUs\n");
			return;
		}
		struct cpu *cpu = &cpus[cpu_count];
		cpu->index = cpu_count;
		cpu->apic_id = apic_ids[i];
		*TRAMPOLINE_FIELD(ap_cr3) = pmap_trampoline_pml4_phys();
		*TRAMPOLINE_FIELD(ap_efer_bits) = EFER_LME | EFER_SCE | (rdmsr(MSR_EFER) & EFER_NXE);
		*TRAMPOLINE_FIELD(ap_stack) = (uint64_t)phys_to_virt(stack_phys) + KERNEL_STACK_SIZE;
		*TRAMPOLINE_FIELD(ap_cpu) = (uint64_t)cpu;
		*TRAMPOLINE_FIELD(ap_entry) = (uint64_t)ap_entry_point;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);

		lapic_send_init(cpu->apic_id);
		delay_us(10000);
		for (int attempt = 0; attempt < 2 && !cpu->online; attempt++) {
			lapic_send_startup(cpu->apic_id, AP_TRAMPOLINE_PHYS >> 12);
			for (int waited = 0; waited < 1000 && !cpu->online; waited++)
				delay_us(100);
		}
		if (!cpu->online) {
			kprintf("smp: CPU with APIC id %u did not start\n", cpu->apic_id);
			physmem_free_pages(stack_phys, KERNEL_STACK_SIZE / PAGE_SIZE);
			continue;
		}
		cpu_count++;
	}
}
