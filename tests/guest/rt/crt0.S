/* Entry of the freestanding in-guest test programs: argc/argv from the initial
 * stack (Linux layout, built by the kernel's loader), main's result ends the task. */
	.text
	.globl _start
_start:
	xorl %ebp, %ebp
	movq (%rsp), %rdi              /* argc */
	leaq 8(%rsp), %rsi             /* argv */
	andq $-16, %rsp
	call main
	movl %eax, %edi
	call wb_task_exit
	ud2
	.section .note.GNU-stack, "", @progbits
