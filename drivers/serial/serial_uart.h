/* A 16550 UART reached through I/O ports the task was granted
 * (i386_io_perm_modify): line set-up, one byte in or out. */
#ifndef SERIAL_UART_H
#define SERIAL_UART_H

#include <stdbool.h>
#include <stdint.h>

/* Sets 8N1 at baud (a divisor of 115200), FIFOs on, received-data interrupt
 * enabled (OUT2 set, which gates the PC's IRQ line). False for a bad baud or
 * when no UART answers at base (scratch register test). */
bool uart_init(uint16_t base, unsigned baud);
/* Changes the speed; false for a speed that is not 115200 / n. */
bool uart_set_baud(uint16_t base, unsigned baud);
bool uart_receive_ready(uint16_t base);
uint8_t uart_receive(uint16_t base);
/* Sends one byte, waiting (bounded) for room in the transmitter. */
void uart_send(uint16_t base, uint8_t byte);

#endif
