/* Per-task I/O-port grants and the TSS's I/O permission bitmap: a CPU rebuilds
 * its bitmap only when the task switched in holds grants of another version. */
#include "arch/x86_64/io_bitmap.h"
#include "arch/x86_64/cpu_ops.h"
#include "kern/cpu.h"
#include "lib/kstring.h"
#include "dev/console.h"

/* Versions are never reused, so a CPU's cache never matches a freed task's. */
static uint64_t last_io_version;

static const struct io_port_range kernel_owned_ports[] = {
    {0x20, 0x21},     /* master PIC */
    {0x40, 0x43},     /* PIT */
    {0x61, 0x61},     /* PC speaker gate: the PIT calibration */
    {0x70, 0x71},     /* CMOS / RTC */
    {0x80, 0x80},     /* POST delay port */
    {0xa0, 0xa1},     /* slave PIC */
    {0xf4, 0xf7},     /* QEMU's isa-debug-exit: power-off with a verdict */
    {0x3f8, 0x3ff},   /* COM1: the kernel's console */
    {0x604, 0x604},   /* QEMU's ACPI power-off */
    {0xb004, 0xb004}, /* Bochs's ACPI power-off */
};

void io_grants_init(struct io_grants *grants)
{
	grants->lock = (spinlock_t)SPINLOCK_INIT;
	grants->version = 0;
	grants->count = 0;
}

bool io_ports_kernel_owned(unsigned from, unsigned to)
{
	for (size_t i = 0; i < sizeof(kernel_owned_ports) / sizeof(kernel_owned_ports[0]); i++) {
		const struct io_port_range *range = &kernel_owned_ports[i];
		if (range->from == 0x3f8 && console_serial_released())
			continue; /* COM1 handed to a driver (the "com1" device) */
		if (from <= range->to && range->from <= to)
			return true;
	}
	return false;
}

static int find_range(const struct io_grants *grants, uint16_t from, uint16_t to)
{
	for (unsigned i = 0; i < grants->count; i++)
		if (grants->ranges[i].from == from && grants->ranges[i].to == to)
			return (int)i;
	return -1;
}

bool io_grants_modify(struct io_grants *grants, uint16_t from, uint16_t to, bool enable,
                      bool current_task)
{
	irq_state_t state = spin_lock_irqsave(&grants->lock);
	int index = find_range(grants, from, to);
	bool done = true;
	if (enable && index < 0) {
		if (grants->count == IO_GRANT_LIMIT)
			done = false;
		else
			grants->ranges[grants->count++] = (struct io_port_range){from, to};
	} else if (!enable && index >= 0) {
		grants->ranges[index] = grants->ranges[--grants->count];
	}
	if (done)
		__atomic_store_n(
		    &grants->version,
		    grants->count ? __atomic_add_fetch(&last_io_version, 1, __ATOMIC_RELAXED) : 0,
		    __ATOMIC_RELEASE);
	spin_unlock(&grants->lock);
	/* Interrupts stay off: this thread cannot move to another CPU meanwhile. */
	if (done && current_task)
		io_bitmap_switch(this_cpu(), grants);
	irq_restore(state);
	return done;
}

static void clear_bits(uint8_t *bitmap, unsigned from, unsigned to)
{
	for (unsigned port = from; port <= to; port++)
		bitmap[port / 8] &= (uint8_t) ~(1u << (port % 8));
}

void io_bitmap_switch(struct cpu *cpu, struct io_grants *next)
{
	uint64_t wanted = next ? __atomic_load_n(&next->version, __ATOMIC_ACQUIRE) : 0;
	if (wanted == cpu->arch.loaded_io_version)
		return;
	uint8_t *bitmap = cpu->arch.tss.io_bitmap;
	if (cpu->arch.loaded_io_version != 0)
		memset(bitmap, 0xff, sizeof(cpu->arch.tss.io_bitmap) - 1);
	cpu->arch.loaded_io_version = 0;
	if (wanted == 0)
		return;
	spin_lock(&next->lock);
	for (unsigned i = 0; i < next->count; i++)
		clear_bits(bitmap, next->ranges[i].from, next->ranges[i].to);
	cpu->arch.loaded_io_version = next->version;
	spin_unlock(&next->lock);
}
