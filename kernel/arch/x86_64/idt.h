/* The interrupt descriptor table and the vectors the kernel uses. */
#ifndef WB_ARCH_IDT_H
#define WB_ARCH_IDT_H

#define VECTOR_DOUBLE_FAULT 8
#define VECTOR_TIMER        0x40
#define VECTOR_RESCHEDULE   0x41
#define VECTOR_STOP         0x42
#define VECTOR_TLB_FLUSH    0x43 /* pmap_remove: drop stale user translations */
#define VECTOR_IRQ_BASE     0x50 /* I/O APIC lines 0-23: 0x50-0x67 (ioapic.h) */
#define VECTOR_SPURIOUS     0xff

void idt_init(void); /* once, on the boot CPU */
void idt_load(void); /* on every CPU */

#endif
