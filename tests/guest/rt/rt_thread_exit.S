/* rt_thread_release_and_exit(uint32_t *in_use): frees the calling thread's
 * stack and ends the thread without touching that stack again (a new thread
 * may be given the stack as soon as the flag is clear). */
#include <wildebeest/boot_traps.h>

	.text
	.globl rt_thread_release_and_exit
	.type rt_thread_release_and_exit, @function
rt_thread_release_and_exit:
	movl $0, (%rdi)
	movq $(WB_TRAP_THREAD_EXIT), %rax
	syscall
	ud2
	.size rt_thread_release_and_exit, .-rt_thread_release_and_exit
	.section .note.GNU-stack, "", @progbits
