/* Boot modules read through the device master port (device.defs), for glibc
 * programs: the exec server takes the emulator (module 1) this way, and
 * tests/linux/exec_test the programs it serves. */
#ifndef EXEC_EXEC_MODULE_H
#define EXEC_EXEC_MODULE_H

#include <mach.h>
#include <stddef.h>

/* Reads module `index` whole: 0 with *data (free with exec_module_release)
 * and *size, and its command line in command_line (NUL-terminated, cut to
 * line_size), or D_NO_SUCH_DEVICE / another device or Mach error. */
kern_return_t exec_module_read(mach_port_t device_master, unsigned index, void **data, size_t *size,
                               char *command_line, size_t line_size);
void exec_module_release(void *data, size_t size);

#endif
