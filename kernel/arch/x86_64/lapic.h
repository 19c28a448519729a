/* The local APIC: per-CPU timer, end-of-interrupt, inter-processor interrupts,
 * and the TSC/APIC-timer calibration against the PIT. */
#ifndef WB_ARCH_LAPIC_H
#define WB_ARCH_LAPIC_H

#include <stdint.h>

void lapic_init(void);                 /* on every CPU, after the boot CPU's calibration */
void lapic_calibrate(void);            /* boot CPU: measures TSC and APIC timer rates */
void lapic_timer_start(unsigned hz);   /* periodic timer at VECTOR_TIMER */
/* One interrupt at VECTOR_TIMER after tsc_cycles of the TSC (rounded up to the
 * APIC timer's step, at least one step); replaces what was programmed. */
void lapic_timer_oneshot_in(uint64_t tsc_cycles);
void lapic_eoi(void);
uint32_t lapic_id(void);
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t page);
void lapic_broadcast_stop(void);       /* VECTOR_STOP as NMI to all other CPUs */
uint64_t tsc_hz(void);
void delay_us(uint64_t microseconds);

#endif
