/* ACPI table walk (published layouts): RSDP in the EBDA or BIOS area, then
 * RSDT/XSDT, then the MADT's processor-local-APIC, I/O APIC and
 * interrupt-source-override entries. */
#include "arch/x86_64/acpi.h"
#include "vm/physmem.h"
#include "lib/kstring.h"
#include <stdbool.h>

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
} __attribute__((packed));

static bool checksum_ok(const void *data, size_t length)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < length; i++)
		sum += ((const uint8_t *)data)[i];
	return sum == 0;
}

static const uint8_t *find_rsdp_in(uint64_t start, uint64_t length)
{
	for (uint64_t p = start; p + 20 <= start + length; p += 16) {
		const uint8_t *candidate = phys_to_virt(p);
		if (memcmp(candidate, "RSD PTR ", 8) == 0 && checksum_ok(candidate, 20))
			return candidate;
	}
	return NULL;
}

static const struct acpi_header *table_at(uint64_t phys)
{
	if (phys == 0 || phys > 0xffffffffffull)
		return NULL;
	const struct acpi_header *header = phys_to_virt(phys);
	if (header->length < sizeof(*header) || header->length > (1u << 20) ||
	    !checksum_ok(header, header->length))
		return NULL;
	return header;
}

static const struct acpi_header *find_madt(void)
{
	uint64_t ebda = (uint64_t)(*(const uint16_t *)phys_to_virt(0x40e)) << 4;
	const uint8_t *rsdp = ebda ? find_rsdp_in(ebda, 1024) : NULL;
	if (!rsdp)
		rsdp = find_rsdp_in(0xe0000, 0x20000);
	if (!rsdp)
		return NULL;
	bool use_xsdt = rsdp[15] >= 2;
	uint64_t root_phys =
	    use_xsdt ? *(const uint64_t *)(rsdp + 24) : *(const uint32_t *)(rsdp + 16);
	const struct acpi_header *root = table_at(root_phys);
	if (!root && use_xsdt) {
		use_xsdt = false;
		root = table_at(*(const uint32_t *)(rsdp + 16));
	}
	if (!root)
		return NULL;
	size_t entry_size = use_xsdt ? 8 : 4;
	size_t entries = (root->length - sizeof(*root)) / entry_size;
	const uint8_t *list = (const uint8_t *)(root + 1);
	for (size_t i = 0; i < entries; i++) {
		uint64_t phys = use_xsdt ? *(const uint64_t *)(list + i * 8)
		                         : *(const uint32_t *)(list + i * 4);
		const struct acpi_header *table = table_at(phys);
		if (table && memcmp(table->signature, "APIC", 4) == 0)
			return table;
	}
	return NULL;
}

unsigned acpi_find_cpus(uint32_t *apic_ids, unsigned max)
{
	const struct acpi_header *madt = find_madt();
	if (!madt)
		return 0;
	unsigned count = 0;
	const uint8_t *p =
	    (const uint8_t *)madt + sizeof(*madt) + 8; /* local APIC address, flags */
	const uint8_t *end = (const uint8_t *)madt + madt->length;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		if (p[0] == 0 && p[1] >= 8 && (*(const uint32_t *)(p + 4) & 1) && count < max)
			apic_ids[count++] = p[3];
		p += p[1];
	}
	return count;
}

/* Calls visit for each MADT entry of type; false when there is no MADT. */
static bool madt_each(uint8_t type, uint8_t minimum_length,
                      void (*visit)(const uint8_t *entry, void *context), void *context)
{
	const struct acpi_header *madt = find_madt();
	if (!madt)
		return false;
	const uint8_t *p = (const uint8_t *)madt + sizeof(*madt) + 8;
	const uint8_t *end = (const uint8_t *)madt + madt->length;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		if (p[0] == type && p[1] >= minimum_length)
			visit(p, context);
		p += p[1];
	}
	return true;
}

static void visit_ioapic(const uint8_t *entry, void *context)
{
	struct acpi_interrupts *out = context;
	if (out->ioapic_count >= ACPI_MAX_IOAPICS)
		return;
	struct acpi_ioapic *ioapic = &out->ioapics[out->ioapic_count++];
	ioapic->id = entry[2];
	memcpy(&ioapic->address, entry + 4, 4);
	memcpy(&ioapic->gsi_base, entry + 8, 4);
}

static void visit_override(const uint8_t *entry, void *context)
{
	struct acpi_interrupts *out = context;
	uint8_t source = entry[3];
	if (entry[2] != 0 || source >= ACPI_ISA_IRQS) /* bus 0 is ISA */
		return;
	struct acpi_isa_irq *irq = &out->isa[source];
	memcpy(&irq->gsi, entry + 4, 4);
	uint16_t flags;
	memcpy(&flags, entry + 8, 2);
	/* MPS INTI flags: polarity bits 0-1 (3 = active low), trigger bits 2-3 (3 = level). */
	irq->active_low = (flags & 3) == 3;
	irq->level = ((flags >> 2) & 3) == 3;
}

bool acpi_find_interrupts(struct acpi_interrupts *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned irq = 0; irq < ACPI_ISA_IRQS; irq++)
		out->isa[irq].gsi = irq; /* identity, edge, active high unless overridden */
	if (!madt_each(1, 12, visit_ioapic, out))
		return false;
	madt_each(2, 10, visit_override, out);
	return out->ioapic_count > 0;
}
