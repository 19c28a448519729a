/* The boot console: formatted kernel messages on the serial port, one line at
 * a time so that lines from different CPUs do not interleave. */
#ifndef WB_DEV_CONSOLE_H
#define WB_DEV_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

void console_init(void);
/* The kernel command line's `quiet`: the boot's progress lines and the
 * COM1 handover note are left out; warnings, errors and panics are not. */
void console_set_quiet(bool quiet);
bool console_quiet(void);
void console_write(const char *text, size_t length);
/* COM1 to a user-space driver: kernel output is held from now on (false if
 * already released). */
bool console_release_serial(void);
bool console_serial_released(void);
/* COM1 back: reinitialised, the held output written. Idempotent. */
void console_reclaim_serial(void);
void kprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and stops the machine (see machine_panic_stop). */
_Noreturn void panic(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
