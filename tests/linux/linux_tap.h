/* The TAP-style line every Linux test program prints for one check
 * ("tap: ok - ..." or "tap: not ok - ..."), which tests/lib/system.sh counts;
 * a header so that the single-file programs of tests/linux can share it. */
#ifndef LINUX_TAP_H
#define LINUX_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

/* Prints the line, flushed at once (a crash must not lose it); returns passed. */
static inline bool linux_tap_check(bool passed, const char *format, va_list arguments)
{
	printf("tap: %s - ", passed ? "ok" : "not ok");
	vprintf(format, arguments);
	printf("\n");
	fflush(stdout);
	return passed;
}

#endif
