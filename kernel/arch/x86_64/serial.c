/* COM1 output for the boot console: 115200 baud 8N1, transmit by polling the
 * line-status register. Input comes with the user-space serial driver. */
#include "arch/x86_64/serial.h"
#include "arch/x86_64/cpu_ops.h"

#define COM1 0x3f8

void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts */
	outb(COM1 + 3, 0x80); /* divisor latch */
	outb(COM1 + 0, 0x01); /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8 bits, no parity, one stop bit */
	outb(COM1 + 2, 0xc7); /* FIFO on, cleared */
	outb(COM1 + 4, 0x03); /* DTR, RTS */
}

void serial_put(char c)
{
	for (int spins = 0; spins < 100000 && !(inb(COM1 + 5) & 0x20); spins++)
		cpu_relax();
	outb(COM1, (uint8_t)c);
}
