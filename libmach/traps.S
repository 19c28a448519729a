/* libmach's trap stubs: every trap of gnumach-dev's mach/syscall_sw.h, expanded
 * with the project's x86_64 kernel_trap macro (include/mach/machine/syscall_sw.h). */
#include <mach/syscall_sw.h>
	.section .note.GNU-stack, "", @progbits
