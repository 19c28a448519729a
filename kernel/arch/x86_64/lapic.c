/* Local APIC (see lapic.h), reached through the direct map (uncached there).
 * Calibration gates PIT channel 2 for 10 ms and counts TSC and APIC ticks. */
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/idt.h"
#include "vm/physmem.h"

#define LAPIC_ID       0x020
#define LAPIC_EOI      0x0b0
#define LAPIC_SPURIOUS 0x0f0
#define LAPIC_ICR_LOW  0x300
#define LAPIC_ICR_HIGH 0x310
#define LAPIC_TIMER    0x320
#define LAPIC_INITIAL  0x380
#define LAPIC_CURRENT  0x390
#define LAPIC_DIVIDE   0x3e0

static volatile uint32_t *lapic_registers;
static uint64_t measured_tsc_hz;
static uint64_t apic_timer_hz; /* with divide-by-16 */

static inline uint32_t lapic_read(uint32_t reg)
{
	return lapic_registers[reg / 4];
}

static inline void lapic_write(uint32_t reg, uint32_t value)
{
	lapic_registers[reg / 4] = value;
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | (1u << 11)); /* globally enabled */
	lapic_registers = phys_to_virt(base & 0xfffff000);
	lapic_write(LAPIC_SPURIOUS, 0x100 | VECTOR_SPURIOUS);
	lapic_write(LAPIC_DIVIDE, 0x3); /* divide by 16 */
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

void lapic_calibrate(void)
{
	/* PIT channel 2, mode 0, gate via port 0x61; 11932 ticks of 1.193182 MHz = 10 ms. */
	const uint16_t pit_count = 11932;
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, pit_count & 0xff);
	outb(0x42, pit_count >> 8);
	lapic_write(LAPIC_TIMER, 1u << 16); /* masked, one-shot */
	lapic_write(LAPIC_INITIAL, 0xffffffff);
	uint8_t gate = inb(0x61);
	outb(0x61, gate & ~0x01);
	outb(0x61, gate | 0x01); /* rising edge starts the count */
	uint64_t tsc_start = rdtsc();
	uint32_t apic_start = lapic_read(LAPIC_CURRENT);
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	uint64_t tsc_end = rdtsc();
	uint32_t apic_end = lapic_read(LAPIC_CURRENT);
	lapic_write(LAPIC_INITIAL, 0);
	measured_tsc_hz = (tsc_end - tsc_start) * 100;
	apic_timer_hz = (uint64_t)(apic_start - apic_end) * 100;
}

void lapic_timer_start(unsigned hz)
{
	lapic_write(LAPIC_DIVIDE, 0x3);
	lapic_write(LAPIC_TIMER, VECTOR_TIMER | (1u << 17)); /* periodic */
	uint64_t count = apic_timer_hz / hz;
	lapic_write(LAPIC_INITIAL, count ? (uint32_t)count : 1);
}

void lapic_timer_oneshot_in(uint64_t tsc_cycles)
{
	/* APIC steps per TSC cycle as 32.32 fixed point (the APIC timer is slower). */
	uint64_t steps_per_cycle = measured_tsc_hz ? (apic_timer_hz << 32) / measured_tsc_hz : 0;
	uint64_t count = (uint64_t)(((unsigned __int128)tsc_cycles * steps_per_cycle) >> 32) + 1;
	if (count == 0)
		count = 1;
	if (count > 0xffffffffu)
		count = 0xffffffffu;
	lapic_write(LAPIC_DIVIDE, 0x3);
	lapic_write(LAPIC_TIMER, VECTOR_TIMER); /* one-shot, unmasked */
	lapic_write(LAPIC_INITIAL, (uint32_t)count);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static void lapic_wait_icr_idle(void)
{
	for (int spins = 0; spins < 1000000 && (lapic_read(LAPIC_ICR_LOW) & (1u << 12)); spins++)
		cpu_relax();
}

static void lapic_send(uint32_t apic_id, uint32_t command)
{
	lapic_wait_icr_idle();
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, command);
	lapic_wait_icr_idle();
}

void lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	lapic_send(apic_id, vector);
}

void lapic_send_init(uint32_t apic_id)
{
	lapic_send(apic_id, 0x4500); /* INIT, assert */
}

void lapic_send_startup(uint32_t apic_id, uint8_t page)
{
	lapic_send(apic_id, 0x4600 | page);
}

void lapic_broadcast_stop(void)
{
	if (!lapic_registers)
		return;
	lapic_write(LAPIC_ICR_HIGH, 0);
	lapic_write(LAPIC_ICR_LOW, (3u << 18) | 0x400 | (1u << 14)); /* all but self, NMI */
}

uint64_t tsc_hz(void)
{
	return measured_tsc_hz;
}

void delay_us(uint64_t microseconds)
{
	uint64_t end = rdtsc() + measured_tsc_hz / 1000000 * microseconds;
	while (rdtsc() < end)
		cpu_relax();
}
