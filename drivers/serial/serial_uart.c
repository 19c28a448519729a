/* 16550 register access (see serial_uart.h). Register offsets and bits are
 * the chip's published ones: data 0, IER 1, FCR 2, LCR 3, MCR 4, LSR 5, scratch 7. */
#include "serial_uart.h"

#define UART_DATA    0
#define UART_IER     1
#define UART_FCR     2
#define UART_LCR     3
#define UART_MCR     4
#define UART_LSR     5
#define UART_SCRATCH 7

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;
	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

bool uart_set_baud(uint16_t base, unsigned baud)
{
	if (baud == 0 || baud > 115200 || 115200 % baud != 0)
		return false;
	unsigned divisor = 115200 / baud;
	uint8_t lcr = inb(base + UART_LCR);
	outb(base + UART_LCR, lcr | 0x80); /* divisor latch */
	outb(base + UART_DATA, divisor & 0xff);
	outb(base + UART_IER, divisor >> 8);
	outb(base + UART_LCR, lcr & 0x7f);
	return true;
}

bool uart_init(uint16_t base, unsigned baud)
{
	outb(base + UART_SCRATCH, 0x5a);
	if (inb(base + UART_SCRATCH) != 0x5a)
		return false;
	outb(base + UART_IER, 0x00);
	outb(base + UART_LCR, 0x03); /* 8 bits, no parity, 1 stop bit */
	if (!uart_set_baud(base, baud))
		return false;
	outb(base + UART_FCR, 0xc7); /* FIFOs on and cleared, trigger at 14 */
	outb(base + UART_MCR, 0x0b); /* DTR, RTS, OUT2 */
	while (uart_receive_ready(base))
		(void)inb(base + UART_DATA);
	outb(base + UART_IER, 0x01); /* received data available */
	return true;
}

bool uart_receive_ready(uint16_t base)
{
	return (inb(base + UART_LSR) & LSR_DATA_READY) != 0;
}

uint8_t uart_receive(uint16_t base)
{
	return inb(base + UART_DATA);
}

void uart_send(uint16_t base, uint8_t byte)
{
	for (int spins = 0; spins < 1000000 && !(inb(base + UART_LSR) & LSR_THR_EMPTY); spins++)
		__asm__ volatile("pause");
	outb(base + UART_DATA, byte);
}
