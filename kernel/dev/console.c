/* Boot console (see console.h): formats into a local buffer and writes it to the
 * serial port under one lock, so each call's output stays whole. While a
 * user-space driver holds COM1 the output is held in a buffer, written out
 * when the kernel takes COM1 back; a panic always writes COM1 directly. */
#include "dev/console.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/machine.h"
#include "kern/spinlock.h"
#include "lib/format.h"

static spinlock_t console_lock = SPINLOCK_INIT;
/* Under console_lock: COM1 is a driver's; what kprintf wrote meanwhile. */
static bool serial_released;
static char held[16384];
static size_t held_length, held_dropped;

static bool quiet;

void console_set_quiet(bool enabled)
{
	quiet = enabled;
}

bool console_quiet(void)
{
	return quiet;
}

void console_init(void)
{
	serial_init();
}

void console_write(const char *text, size_t length)
{
	irq_state_t state = spin_lock_irqsave(&console_lock);
	if (serial_released) {
		for (size_t i = 0; i < length; i++) {
			if (held_length < sizeof(held))
				held[held_length++] = text[i];
			else
				held_dropped++;
		}
		spin_unlock_irqrestore(&console_lock, state);
		return;
	}
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\n')
			serial_put('\r');
		serial_put(text[i]);
	}
	spin_unlock_irqrestore(&console_lock, state);
}

bool console_release_serial(void)
{
	irq_state_t state = spin_lock_irqsave(&console_lock);
	bool released = !serial_released;
	if (released) {
		static const char note[] = "console: COM1 handed to a user-space driver; kernel "
		                           "messages are held until it is given back\r\n";
		for (const char *p = note; *p && !quiet; p++)
			serial_put(*p);
		serial_released = true;
		held_length = held_dropped = 0;
	}
	spin_unlock_irqrestore(&console_lock, state);
	return released;
}

bool console_serial_released(void)
{
	return __atomic_load_n(&serial_released, __ATOMIC_RELAXED);
}

static int format_line(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int length = format_string(buffer, size, format, args);
	va_end(args);
	return length;
}

static void put_text(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\n')
			serial_put('\r');
		serial_put(text[i]);
	}
}

void console_reclaim_serial(void)
{
	irq_state_t state = spin_lock_irqsave(&console_lock);
	if (!serial_released) {
		spin_unlock_irqrestore(&console_lock, state);
		return;
	}
	serial_released = false;
	serial_init(); /* the driver's settings and interrupts go */
	char line[160];
	int length = format_line(line, sizeof(line),
	                         "\nconsole: COM1 is the kernel's again; held messages follow "
	                         "(%lu bytes, %lu dropped)\n",
	                         (unsigned long)held_length, (unsigned long)held_dropped);
	if (length > (int)sizeof(line) - 1)
		length = sizeof(line) - 1;
	put_text(line, (size_t)length);
	put_text(held, held_length);
	held_length = held_dropped = 0;
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
