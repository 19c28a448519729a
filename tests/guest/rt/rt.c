/* In-guest runtime (see rt.h): everything goes out through the mach_print trap,
 * so a test program needs nothing but the kernel. */
#include "rt.h"
#include <stdarg.h>

static unsigned failures;

void print(const char *format, ...)
{
	char line[512];
	va_list args;
	va_start(args, format);
	format_string(line, sizeof(line), format, args);
	va_end(args);
	mach_print(line);
}

bool check(bool passed, const char *format, ...)
{
	char description[400];
	va_list args;
	va_start(args, format);
	format_string(description, sizeof(description), format, args);
	va_end(args);
	print("tap: %s - %s\n", passed ? "ok" : "not ok", description);
	if (!passed)
		failures++;
	return passed;
}

unsigned checks_failed(void)
{
	return failures;
}
