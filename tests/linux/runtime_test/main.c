/* The process-runtime test's main: runs each part; the exit status is 0 when
 * every check passed, else 10 + the number of the first part that failed
 * (11 malloc, 12 threads, 13 clocks, 14 sleeps, 15 random). */
#include "runtime_test.h"
#include "../linux_tap.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

bool runtime_check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	linux_tap_check(passed, format, arguments);
	va_end(arguments);
	return passed;
}

int main(void)
{
	static bool (*const parts[])(void) = {runtime_test_malloc, runtime_test_threads,
	                                      runtime_test_clocks, runtime_test_sleeps,
	                                      runtime_test_random};
	int status = 0;
	for (unsigned i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i]() && status == 0)
			status = 11 + (int)i;
	}
	printf("runtime_test: done, exit status %d\n", status);
	fflush(stdout);
	exit(status);
}
