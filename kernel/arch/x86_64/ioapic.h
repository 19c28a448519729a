/* The I/O APICs: device interrupt lines (ISA IRQs 0-15 through the MADT's
 * overrides, then GSIs 16 and up) routed to the boot CPU, each maskable. */
#ifndef WB_ARCH_IOAPIC_H
#define WB_ARCH_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Lines the kernel offers: ISA IRQs 0-15 and GSIs 16-23 (line number = ISA IRQ
 * or GSI), at vectors VECTOR_IRQ_BASE + line. */
#define IOAPIC_LINES 24

/* Finds the I/O APICs in the MADT and masks every entry; false without one
 * (then no line can be used). Once, on the boot CPU. */
bool ioapic_init(void);
/* True if line exists on this machine (an I/O APIC pin serves it). */
bool ioapic_line_exists(unsigned line);
/* The GSI line arrives on (an ISA IRQ may be overridden); line must exist. */
uint32_t ioapic_line_gsi(unsigned line);
/* Programs line's entry (masked) for its vector, delivered to the CPU with
 * apic_id, with the line's trigger and polarity. */
void ioapic_line_route(unsigned line, uint32_t apic_id);
void ioapic_line_mask(unsigned line);
void ioapic_line_unmask(unsigned line);
/* An interrupt on line: masks it, ends it at the local APIC and calls the
 * handler (device_irq.c), which unmasks it later; trap_dispatch calls it. */
void ioapic_line_interrupt(unsigned line);
extern void (*ioapic_line_handler)(unsigned line);

#endif
