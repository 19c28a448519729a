/* The failure-counting check() of the single-file Linux test programs: one
 * TAP line each (linux_tap.h), failures counted for the exit status. */
#ifndef LINUX_CHECK_H
#define LINUX_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include "linux_tap.h"

static int failures; /* the checks that failed */

/* One check's TAP line; a failure is counted. */
static inline __attribute__((format(printf, 2, 3), unused)) void check(bool passed,
                                                                       const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	if (!linux_tap_check(passed, format, arguments))
		failures++;
	va_end(arguments);
}

#endif
