/* The dispatch table (syscall_table.c), indexed by Linux system-call number;
 * NULL slots are unimplemented. */
#ifndef EMUL_SYSCALL_TABLE_H
#define EMUL_SYSCALL_TABLE_H

#include "emul.h"
#include "syscall_names.h"

extern emul_handler_t *const emul_syscall_table[EMUL_SYSCALL_COUNT];

#endif
