/* Finding the CPUs and the interrupt routing in ACPI's MADT: local APIC ids,
 * I/O APICs and the ISA interrupt-source overrides. */
#ifndef WB_ARCH_ACPI_H
#define WB_ARCH_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/* Fills apic_ids with the enabled processors' local APIC ids; returns how many
 * (0 when no MADT was found). */
unsigned acpi_find_cpus(uint32_t *apic_ids, unsigned max);

#define ACPI_MAX_IOAPICS 4
#define ACPI_ISA_IRQS    16

struct acpi_ioapic {
	uint8_t id;
	uint32_t address;  /* physical address of its registers */
	uint32_t gsi_base; /* the first global system interrupt it serves */
};

/* Where an ISA IRQ arrives: its global system interrupt and its signalling. */
struct acpi_isa_irq {
	uint32_t gsi;
	bool active_low, level;
};

struct acpi_interrupts {
	unsigned ioapic_count;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	struct acpi_isa_irq isa[ACPI_ISA_IRQS];
};

/* Fills out from the MADT; false when there is no MADT or no I/O APIC in it. */
bool acpi_find_interrupts(struct acpi_interrupts *out);

#endif
