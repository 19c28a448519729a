/* The boot console: formatted kernel messages on the serial port, one line at
 * a time so that lines from different CPUs do not interleave. */
#ifndef WB_DEV_CONSOLE_H
#define WB_DEV_CONSOLE_H

#include <stddef.h>

void console_init(void);
void console_write(const char *text, size_t length);
void kprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and stops the machine (see machine_panic_stop). */
_Noreturn void panic(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
