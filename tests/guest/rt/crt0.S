/* Entry of the freestanding in-guest test programs: argc/argv from the initial
 * stack (Linux layout, built by the kernel's loader), then onto the runtime's
 * aligned main-thread stack (rt_thread.c) and into rt_start, which runs main. */
#include "rt_stack.h"

	.text
	.globl _start
_start:
	xorl %ebp, %ebp
	movq (%rsp), %rdi              /* argc */
	leaq 8(%rsp), %rsi             /* argv (stays on the loader's stack) */
	leaq rt_main_stack+RT_STACK_SIZE(%rip), %rsp
	call rt_start
	ud2
	.section .note.GNU-stack, "", @progbits
