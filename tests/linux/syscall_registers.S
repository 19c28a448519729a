/* For syscall_checks.c: syscall_registers(in[12], out[12], flags[4], xmm_in[2],
 * xmm_out[4]) makes getppid with rdi, rsi, rdx, r10, r8, r9, rbx, rbp, r12-r15
 * = in[], xmm5 and xmm15 = xmm_in, the carry flag set and the 128-byte red zone
 * filled; stores the registers after in out[], the flags before and after in
 * flags[0] and flags[1], the carry after in flags[2], and 0 in flags[3] if the
 * red zone is intact. */
#define RED_ZONE_FILL 0x5a5a5a5a5a5a5a5a

	.text
	.globl syscall_registers
	.type syscall_registers, @function
syscall_registers:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rsi                  /* out */
	pushq %rdx                  /* flags */
	pushq %r8                   /* xmm_out */
	movdqu (%rcx), %xmm5
	movdqu (%rcx), %xmm15
	movq %rdi, %rax
	movq 0(%rax), %rdi
	movq 8(%rax), %rsi
	movq 16(%rax), %rdx
	movq 24(%rax), %r10
	movq 32(%rax), %r8
	movq 40(%rax), %r9
	movq 48(%rax), %rbx
	movq 56(%rax), %rbp
	movq 64(%rax), %r12
	movq 72(%rax), %r13
	movq 80(%rax), %r14
	movq 88(%rax), %r15
	stc
	pushfq                      /* flags before */
	movabsq $RED_ZONE_FILL, %rcx
	.set offset, 8
	.rept 16
	movq %rcx, -offset(%rsp)
	.set offset, offset + 8
	.endr
	movl $110, %eax             /* getppid */
	syscall
	setc %r11b                  /* the carry, before anything changes the flags */
	movzbl %r11b, %r11d
	movabsq $RED_ZONE_FILL, %rcx
	.set offset, 8
	.rept 16
	cmpq %rcx, -offset(%rsp)
	jne 1f
	.set offset, offset + 8
	.endr
	xorl %eax, %eax
	jmp 2f
1:	movl $1, %eax
2:	pushfq                      /* flags after (the direction flag still as it came back) */
	movq 32(%rsp), %rcx         /* out */
	movq %rdi, 0(%rcx)
	movq %rsi, 8(%rcx)
	movq %rdx, 16(%rcx)
	movq %r10, 24(%rcx)
	movq %r8, 32(%rcx)
	movq %r9, 40(%rcx)
	movq %rbx, 48(%rcx)
	movq %rbp, 56(%rcx)
	movq %r12, 64(%rcx)
	movq %r13, 72(%rcx)
	movq %r14, 80(%rcx)
	movq %r15, 88(%rcx)
	movq 24(%rsp), %rcx         /* flags */
	movq 8(%rsp), %rdx
	movq %rdx, 0(%rcx)
	movq 0(%rsp), %rdx
	movq %rdx, 8(%rcx)
	movq %r11, 16(%rcx)
	movq %rax, 24(%rcx)
	movq 16(%rsp), %rcx         /* xmm_out */
	movdqu %xmm5, (%rcx)
	movdqu %xmm15, 16(%rcx)
	addq $40, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret
	.size syscall_registers, . - syscall_registers
	.section .note.GNU-stack, "", @progbits
