/* Leaving a signal context: emul_signal_resume loads a saved context (FXSAVE
 * image, every general register, rflags) and jumps to its rip; the FPU save;
 * and the trampoline a thread diverted from the program starts at. */
#define FX   0
#define REGS 512
#define R8   (REGS + 0)
#define R9   (REGS + 8)
#define R10  (REGS + 16)
#define R11  (REGS + 24)
#define R12  (REGS + 32)
#define R13  (REGS + 40)
#define R14  (REGS + 48)
#define R15  (REGS + 56)
#define RDI  (REGS + 64)
#define RSI  (REGS + 72)
#define RBP  (REGS + 80)
#define RBX  (REGS + 88)
#define RDX  (REGS + 96)
#define RAX  (REGS + 104)
#define RCX  (REGS + 112)
#define RSP  (REGS + 120)
#define RIP  (REGS + 128)
#define RFL  (REGS + 136)
/* Two words (rflags, rip) go below the target's red zone. */
#define SCRATCH (128 + 24)

	.text
	.globl emul_signal_resume
	.type emul_signal_resume, @function
/* rdi: struct emul_signal_context (16-byte aligned). Not on the target's stack. */
emul_signal_resume:
	movq %rdi, %rax
	fxrstor64 FX(%rax)
	movq RSP(%rax), %rcx
	subq $SCRATCH, %rcx
	movq RFL(%rax), %rdx
	movq %rdx, 0(%rcx)
	movq RIP(%rax), %rdx
	movq %rdx, 8(%rcx)
	movq %rcx, %rsp
	movq R8(%rax), %r8
	movq R9(%rax), %r9
	movq R10(%rax), %r10
	movq R11(%rax), %r11
	movq R12(%rax), %r12
	movq R13(%rax), %r13
	movq R14(%rax), %r14
	movq R15(%rax), %r15
	movq RDI(%rax), %rdi
	movq RSI(%rax), %rsi
	movq RBP(%rax), %rbp
	movq RBX(%rax), %rbx
	movq RDX(%rax), %rdx
	movq RCX(%rax), %rcx
	movq RAX(%rax), %rax
	popfq
	ret $(SCRATCH - 16)
	.size emul_signal_resume, . - emul_signal_resume

	.globl emul_signal_save_fpu
	.type emul_signal_save_fpu, @function
emul_signal_save_fpu:
	fxsave64 (%rdi)
	ret
	.size emul_signal_save_fpu, . - emul_signal_save_fpu

	.globl emul_signal_trampoline
	.hidden emul_signal_trampoline
	.type emul_signal_trampoline, @function
/* rsp: the thread's signal stack top (16-byte aligned), every other register
 * meaningless: the program's are saved in the thread's block already. */
emul_signal_trampoline:
	cld
	call emul_signal_diverted
	ud2
	.size emul_signal_trampoline, . - emul_signal_trampoline

	.section .note.GNU-stack, "", @progbits
