/* Finding the CPUs: the local APIC ids listed in ACPI's MADT. */
#ifndef WB_ARCH_ACPI_H
#define WB_ARCH_ACPI_H

#include <stdint.h>

/* Fills apic_ids with the enabled processors' local APIC ids; returns how many
 * (0 when no MADT was found). */
unsigned acpi_find_cpus(uint32_t *apic_ids, unsigned max);

#endif
