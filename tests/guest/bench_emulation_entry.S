/* The emulated-null-syscall benchmark's emulator entry: answers 0 and returns
 * as include/wildebeest/emulation.h says (flags from r11, red zone kept). */
	.text
	.globl bench_emulation_entry
bench_emulation_entry:
	xorl %eax, %eax
	leaq -128(%rsp), %rsp
	pushq %r11
	popfq
	leaq 128(%rsp), %rsp
	jmp *%rcx
	.section .note.GNU-stack, "", @progbits
