/* The process-runtime test (tests/system/linux_runtime.t): an ordinary static
 * Linux program (gcc -static -pthread) that must pass on Linux and under
 * Wildebeest's emulator alike. Each part prints "tap: ok - ..." lines and
 * returns whether all its checks passed. */
#ifndef RUNTIME_TEST_H
#define RUNTIME_TEST_H

#include <stdbool.h>

/* One check: prints its TAP line; returns passed. */
bool runtime_check(bool passed, const char *format, ...) __attribute__((format(printf, 2, 3)));

bool runtime_test_malloc(void);  /* >= 1 GiB through malloc/free, contents checked */
bool runtime_test_threads(void); /* 8 threads: mutexes, condition variables, TLS */
bool runtime_test_clocks(void);  /* clock_gettime, gettimeofday, time */
bool runtime_test_sleeps(void);  /* nanosleep, clock_nanosleep within 10 ms */
bool runtime_test_random(void);  /* getrandom */

#endif
