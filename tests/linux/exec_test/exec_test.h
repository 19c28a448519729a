/* tests/linux/exec_test: the checks of the exec server and lib/fshelp's
 * translator start, and the small io file server (exec_test_files.c) that
 * serves them boot modules' bytes. */
#ifndef EXEC_TEST_EXEC_TEST_H
#define EXEC_TEST_EXEC_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach.h>

void check(bool passed, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Starts the io server (io_stat, io_read) with its own workers. 0 or errno. */
int test_files_start(void);
/* A new served file: bytes (kept, not copied) with mode; *port a send right
 * the caller owns. 0 or an errno value. */
int test_file_create(const void *bytes, size_t size, uint32_t mode, mach_port_t *port);
/* io_read calls served so far (all files). */
unsigned test_files_reads(void);
/* A sink: a served object keeping what io_write gives any sink. 0 or errno. */
int test_sink_create(mach_port_t *port);
/* What the sinks got so far as a string in text (size bytes): its length. */
size_t test_sink_text(char *text, size_t size);

#endif
