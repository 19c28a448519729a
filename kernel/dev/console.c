/* Boot console (see console.h): formats into a local buffer and writes it to the
 * serial port under one lock, so each call's output stays whole. */
#include "dev/console.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/machine.h"
#include "kern/spinlock.h"
#include "lib/format.h"

static spinlock_t console_lock = SPINLOCK_INIT;

void console_init(void)
{
	serial_init();
}

void console_write(const char *text, size_t length)
{
	irq_state_t state = spin_lock_irqsave(&console_lock);
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\n')
			serial_put('\r');
		serial_put(text[i]);
	}
	spin_unlock_irqrestore(&console_lock, state);
}

void kprintf(const char *format, ...)
{
	char buffer[512];
	va_list args;
	va_start(args, format);
	int length = format_string(buffer, sizeof(buffer), format, args);
	va_end(args);
	if (length > (int)sizeof(buffer) - 1)
		length = sizeof(buffer) - 1;
	console_write(buffer, (size_t)length);
}

_Noreturn void panic(const char *format, ...)
{
	char buffer[512];
	va_list args;
	va_start(args, format);
	int length = format_string(buffer, sizeof(buffer), format, args);
	va_end(args);
	if (length > (int)sizeof(buffer) - 1)
		length = sizeof(buffer) - 1;
	machine_stop_other_cpus();
	/* Do not wait for a console lock another CPU may hold forever. */
	static const char prefix[] = "\npanic: ";
	for (const char *p = prefix; *p; p++)
		serial_put(*p == '\n' ? '\n' : *p);
	for (int i = 0; i < length; i++) {
		if (buffer[i] == '\n')
			serial_put('\r');
		serial_put(buffer[i]);
	}
	serial_put('\r');
	serial_put('\n');
	machine_panic_stop();
}
