/* Kernel entry and exit: the 256 interrupt stubs, the syscall entry, and the
 * common path that builds a struct trap_frame, calls C and returns with iretq. */
#include "layout.h"

#define CPU_KERNEL_STACK 8
#define CPU_USER_RSP 16
#define TRAP_VECTOR_SYSCALL 0x100

	.text
.macro PUSH_REGISTERS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro POP_REGISTERS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

/* Stubs: vectors where the CPU pushes no error code push a zero. */
.macro STUB vector
	.p2align 4
interrupt_stub_\vector:
	.if (\vector == 8 || (\vector >= 10 && \vector <= 14) || \vector == 17 || \vector == 21 || \vector == 29 || \vector == 30)
	.else
	pushq $0
	.endif
	pushq $\vector
	jmp interrupt_common
.endm

.macro STUB_ADDRESS vector
	.quad interrupt_stub_\vector
.endm

	.altmacro
	.set v, 0
	.rept 256
	STUB %v
	.set v, v + 1
	.endr

interrupt_common:
	testb $3, 24(%rsp)             /* CS of the interrupted context */
	jz 1f
	swapgs
1:	PUSH_REGISTERS
	cld
	movq %rsp, %rdi
	call trap_dispatch
	jmp return_from_trap

	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:CPU_USER_RSP
	movq %gs:CPU_KERNEL_STACK, %rsp
	pushq $SEL_USER_DATA
	pushq %gs:CPU_USER_RSP
	pushq %r11                     /* user rflags */
	pushq $SEL_USER_CODE
	pushq %rcx                     /* user rip */
	pushq $0
	pushq $TRAP_VECTOR_SYSCALL
	PUSH_REGISTERS
	cld
	movq %rsp, %rdi
	sti
	call syscall_dispatch
	cli
	/* fall through */

	.globl return_from_trap
return_from_trap:
	POP_REGISTERS
	addq $16, %rsp                 /* vector, error code */
	testb $3, 8(%rsp)
	jz 2f
	swapgs
2:	iretq

/* First code of a new thread (see thread_arch.c): finish the switch, then run
 * the kernel function in rbx with the argument in r12, or return to user mode. */
	.globl thread_start_trampoline
thread_start_trampoline:
	movq %rax, %rdi                /* the previous thread, from switch_context */
	call sched_finish_switch
	movq %r12, %rdi
	call *%rbx
	/* A user thread's start function returns here with its frame on the stack. */
	cli
	jmp return_from_trap

/* struct thread *switch_context(uint64_t *save_rsp, uint64_t new_rsp, struct thread *previous) */
	.globl switch_context
switch_context:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	movq %rdx, %rax
	ret

	.section .rodata
	.p2align 3
	.globl interrupt_stub_table
interrupt_stub_table:
	.set v, 0
	.rept 256
	STUB_ADDRESS %v
	.set v, v + 1
	.endr
