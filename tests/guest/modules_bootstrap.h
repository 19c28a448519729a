/* The boot-module test (module 0): what its parts share — the ports named on
 * its command line and the expected contents of module 2. */
#ifndef WB_GUEST_MODULES_BOOTSTRAP_H
#define WB_GUEST_MODULES_BOOTSTRAP_H

#include <mach.h>
#include <stdint.h>

/* Module 2 (written by tests/system/modules.t): MODULES_TEXT_LINES lines
 * "line NNNNN of the module test\n", NNNNN from 00000. */
#define MODULES_TEXT_LINE_BYTES 30
#define MODULES_TEXT_LINES      400
#define MODULES_TEXT_BYTES      (MODULES_TEXT_LINE_BYTES * MODULES_TEXT_LINES)
/* The byte of module 2 at offset. */
char modules_text_byte(uint64_t offset);

/* Checks of module 2 (a text file) and module 1 (an ELF of size1 bytes) read
 * through master; each device is closed or released before returning. */
void modules_check_text(mach_port_t master);
void modules_check_elf(mach_port_t master, unsigned long size1);
/* Refusals: other names, modes, operations and ports. */
void modules_check_refusals(mach_port_t master, mach_port_t host_priv);
/* A device whose last send right goes is released (no-senders). */
void modules_check_release(mach_port_t master);
/* The "mem" device: device memory mapped, RAM and bad ranges refused. */
void modules_check_physical_memory(mach_port_t master, mach_port_t host_priv);

#endif
