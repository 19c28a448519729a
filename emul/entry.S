/* The emulator's two ways in: emul_entry, where the kernel sends every Linux
 * system call (include/wildebeest/emulation.h), and emul_start, where the
 * loader starts a program's first thread (include/wildebeest/emul_image.h). */
#define FRAME_BYTES 128 /* struct emul_frame: 16 registers */
#define RED_ZONE    128

	.text
	.globl emul_entry
	.type emul_entry, @function
/* rax the number, rdi..r9 the arguments, rcx the return address, r11 the
 * flags, rsp the caller's. Builds struct emul_frame below the red zone on a
 * 16-byte boundary, calls emul_dispatch(frame), returns frame->rax with every
 * other register as the frame holds it. */
emul_entry:
	leaq -RED_ZONE(%rsp), %rsp
	pushq %rax                         /* the number, for a moment */
	leaq RED_ZONE+8(%rsp), %rax        /* the caller's rsp */
	andq $-16, %rsp                    /* flags are the caller's r11's business */
	pushq %rax                         /* frame.rsp */
	pushq %r11
	pushq %rcx
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %rbp
	pushq %rbx
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	movq -RED_ZONE-8(%rax), %rcx       /* the number back */
	pushq %rcx                         /* frame.rax */
	movq %rsp, %rdi
	cld
	call emul_dispatch
	popq %rax
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %rbx
	popq %rbp
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	popq %rcx
	popq %r11
	popq %rsp                          /* the caller's stack */
	leaq -RED_ZONE(%rsp), %rsp
	pushq %r11
	popfq
	leaq RED_ZONE(%rsp), %rsp
	jmp *%rcx
	.size emul_entry, . - emul_entry

	.globl emul_start
	.type emul_start, @function
/* rdi the start block, rsp the program's initial stack pointer. The space
 * below that pointer is free stack: emul_start_main runs there, then the
 * program starts with the Linux ABI's registers (rsp as given, rdx 0). */
emul_start:
	movq %rsp, %r12
	andq $-16, %rsp
	subq $256, %rsp
	call emul_start_main               /* (rdi: the block) returns the program's entry */
	movq %r12, %rsp
	xorl %ebx, %ebx
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	jmp *%rax
	.size emul_start, . - emul_start

/* The image header the emulator's ELF entry point names. */
	.globl emul_image_header
	.balign 8
emul_image_header:
	.quad 0x31304c554d454257           /* EMUL_IMAGE_MAGIC, "WBEMUL01" */
	.quad emul_start
	.quad emul_entry

	.section .note.GNU-stack, "", @progbits
