/* I/O APIC driver (see ioapic.h): registers through IOREGSEL/IOWIN, one
 * redirection entry per pin; ISA IRQs are edge/active-high unless the MADT
 * overrides them, GSIs from 16 up level/active-low (PCI's convention). */
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/lapic.h"
#include "kern/spinlock.h"
#include "vm/physmem.h"

#define IOREGSEL       0x00
#define IOWIN          0x10
#define IOAPIC_VERSION 0x01
#define REDIRECTION(n) (0x10 + 2 * (n))

#define ENTRY_ACTIVE_LOW (1u << 13)
#define ENTRY_LEVEL      (1u << 15)
#define ENTRY_MASKED     (1u << 16)

struct ioapic {
	volatile uint32_t *registers;
	uint32_t gsi_base;
	unsigned pins;
};

static struct acpi_interrupts routing;
static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static unsigned ioapic_count;
static spinlock_t ioapic_lock = SPINLOCK_INIT;

static uint32_t read_register(struct ioapic *ioapic, uint32_t reg)
{
	ioapic->registers[IOREGSEL / 4] = reg;
	return ioapic->registers[IOWIN / 4];
}

static void write_register(struct ioapic *ioapic, uint32_t reg, uint32_t value)
{
	ioapic->registers[IOREGSEL / 4] = reg;
	ioapic->registers[IOWIN / 4] = value;
}

bool ioapic_init(void)
{
	if (!acpi_find_interrupts(&routing))
		return false;
	for (unsigned i = 0; i < routing.ioapic_count; i++) {
		const struct acpi_ioapic *found = &routing.ioapics[i];
		/* Registers below 4 GiB, in the direct map (uncached there). */
		if (found->address == 0 || (found->address & 0xf))
			continue;
		struct ioapic *ioapic = &ioapics[ioapic_count];
		ioapic->registers = phys_to_virt(found->address);
		ioapic->gsi_base = found->gsi_base;
		ioapic->pins = ((read_register(ioapic, IOAPIC_VERSION) >> 16) & 0xff) + 1;
		for (unsigned pin = 0; pin < ioapic->pins; pin++) {
			write_register(ioapic, REDIRECTION(pin) + 1, 0);
			write_register(ioapic, REDIRECTION(pin), ENTRY_MASKED);
		}
		ioapic_count++;
	}
	return ioapic_count > 0;
}

uint32_t ioapic_line_gsi(unsigned line)
{
	return line < ACPI_ISA_IRQS ? routing.isa[line].gsi : line;
}

/* The I/O APIC and pin serving gsi, or NULL. */
static struct ioapic *find_pin(uint32_t gsi, unsigned *pin)
{
	for (unsigned i = 0; i < ioapic_count; i++) {
		struct ioapic *ioapic = &ioapics[i];
		if (gsi >= ioapic->gsi_base && gsi - ioapic->gsi_base < ioapic->pins) {
			*pin = gsi - ioapic->gsi_base;
			return ioapic;
		}
	}
	return NULL;
}

bool ioapic_line_exists(unsigned line)
{
	unsigned pin;
	return line < IOAPIC_LINES && find_pin(ioapic_line_gsi(line), &pin) != NULL;
}

void ioapic_line_route(unsigned line, uint32_t apic_id)
{
	unsigned pin;
	struct ioapic *ioapic = line < IOAPIC_LINES ? find_pin(ioapic_line_gsi(line), &pin) : NULL;
	if (!ioapic)
		return;
	uint32_t low = (VECTOR_IRQ_BASE + line) | ENTRY_MASKED; /* fixed delivery, physical */
	bool active_low = line >= ACPI_ISA_IRQS || routing.isa[line].active_low;
	bool level = line >= ACPI_ISA_IRQS || routing.isa[line].level;
	if (active_low)
		low |= ENTRY_ACTIVE_LOW;
	if (level)
		low |= ENTRY_LEVEL;
	irq_state_t state = spin_lock_irqsave(&ioapic_lock);
	write_register(ioapic, REDIRECTION(pin), ENTRY_MASKED);
	write_register(ioapic, REDIRECTION(pin) + 1, apic_id << 24);
	write_register(ioapic, REDIRECTION(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, state);
}

static void set_masked(unsigned line, bool masked)
{
	unsigned pin;
	struct ioapic *ioapic = line < IOAPIC_LINES ? find_pin(ioapic_line_gsi(line), &pin) : NULL;
	if (!ioapic)
		return;
	irq_state_t state = spin_lock_irqsave(&ioapic_lock);
	uint32_t low = read_register(ioapic, REDIRECTION(pin));
	low = masked ? low | ENTRY_MASKED : low & ~ENTRY_MASKED;
	write_register(ioapic, REDIRECTION(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, state);
}

void ioapic_line_mask(unsigned line)
{
	set_masked(line, true);
}

void ioapic_line_unmask(unsigned line)
{
	set_masked(line, false);
}

void (*ioapic_line_handler)(unsigned line);

void ioapic_line_interrupt(unsigned line)
{
	/* Masked before the EOI, so that a level-triggered line does not fire again
	 * before its driver has served the device. */
	ioapic_line_mask(line);
	lapic_eoi();
	if (ioapic_line_handler)
		ioapic_line_handler(line);
}
