/* The PC's first serial port (COM1, 0x3f8), polled: the boot console's output. */
#ifndef WB_ARCH_SERIAL_H
#define WB_ARCH_SERIAL_H

void serial_init(void);
void serial_put(char c);

#endif
