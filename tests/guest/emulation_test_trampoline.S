/* The emulation test's assembly: a test emulator (two entries that record the
 * registers they see), a system call with every register chosen and recorded,
 * and the code a task_create'd child runs (emulation_test.h). */

#define REG_RAX 0
#define REG_RBX 8
#define REG_RCX 16
#define REG_RDX 24
#define REG_RSI 32
#define REG_RDI 40
#define REG_RBP 48
#define REG_RSP 56
#define REG_R8 64
#define REG_R9 72
#define REG_R10 80
#define REG_R11 88
#define REG_R12 96
#define REG_R13 104
#define REG_R14 112
#define REG_R15 120
#define REG_RFLAGS 128
#define RED_ZONE 128

	.text
	.globl emulation_entry_one, emulation_entry_two
emulation_entry_one:
	movq $1, emulation_which(%rip)
	jmp entry_common
emulation_entry_two:
	movq $2, emulation_which(%rip)
entry_common:
	movq %rax, emulation_seen+REG_RAX(%rip)
	movq %rbx, emulation_seen+REG_RBX(%rip)
	movq %rcx, emulation_seen+REG_RCX(%rip)
	movq %rdx, emulation_seen+REG_RDX(%rip)
	movq %rsi, emulation_seen+REG_RSI(%rip)
	movq %rdi, emulation_seen+REG_RDI(%rip)
	movq %rbp, emulation_seen+REG_RBP(%rip)
	movq %rsp, emulation_seen+REG_RSP(%rip)
	movq %r8, emulation_seen+REG_R8(%rip)
	movq %r9, emulation_seen+REG_R9(%rip)
	movq %r10, emulation_seen+REG_R10(%rip)
	movq %r11, emulation_seen+REG_R11(%rip)
	movq %r12, emulation_seen+REG_R12(%rip)
	movq %r13, emulation_seen+REG_R13(%rip)
	movq %r14, emulation_seen+REG_R14(%rip)
	movq %r15, emulation_seen+REG_R15(%rip)
	leaq -RED_ZONE(%rsp), %rsp
	pushfq
	popq emulation_seen+REG_RFLAGS(%rip)
	incq emulation_entries(%rip)
	addq %rdi, %rax
	addq %rsi, %rax
	addq %rdx, %rax
	addq %r10, %rax
	addq %r8, %rax
	addq %r9, %rax
	pushq %r11
	popfq
	leaq RED_ZONE(%rsp), %rsp
	jmp *%rcx

/* void emulation_do_syscall(struct emulation_registers *registers) */
	.globl emulation_do_syscall, emulation_syscall_instruction, emulation_syscall_return
emulation_do_syscall:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdi                     /* the structure, at 0(%rsp) after the call */
	movq REG_RFLAGS(%rdi), %rax
	pushq %rax
	popfq
	movq REG_RAX(%rdi), %rax
	movq REG_RBX(%rdi), %rbx
	movq REG_RCX(%rdi), %rcx
	movq REG_RDX(%rdi), %rdx
	movq REG_RSI(%rdi), %rsi
	movq REG_RBP(%rdi), %rbp
	movq REG_R8(%rdi), %r8
	movq REG_R9(%rdi), %r9
	movq REG_R10(%rdi), %r10
	movq REG_R11(%rdi), %r11
	movq REG_R12(%rdi), %r12
	movq REG_R13(%rdi), %r13
	movq REG_R14(%rdi), %r14
	movq REG_R15(%rdi), %r15
	movq %rsp, REG_RSP(%rdi)
	movq REG_RDI(%rdi), %rdi
emulation_syscall_instruction:
	syscall
emulation_syscall_return:
	pushfq
	pushq %rdi
	movq 16(%rsp), %rdi
	popq REG_RDI(%rdi)
	popq REG_RFLAGS(%rdi)
	movq %rax, REG_RAX(%rdi)
	movq %rbx, REG_RBX(%rdi)
	movq %rcx, REG_RCX(%rdi)
	movq %rdx, REG_RDX(%rdi)
	movq %rsi, REG_RSI(%rdi)
	movq %rbp, REG_RBP(%rdi)
	movq %rsp, REG_RSP(%rdi)
	movq %r8, REG_R8(%rdi)
	movq %r9, REG_R9(%rdi)
	movq %r10, REG_R10(%rdi)
	movq %r11, REG_R11(%rdi)
	movq %r12, REG_R12(%rdi)
	movq %r13, REG_R13(%rdi)
	movq %r14, REG_R14(%rdi)
	movq %r15, REG_R15(%rdi)
	popq %rdi
	cld
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* What a task_create'd child runs, alone in a page the parent copies into it:
 * its code, and an emulator entry that only computes (entry_common's result)
 * and touches no memory but the stack. */
	.section .text.emulation_child, "ax", @progbits
	.p2align 12
	.globl emulation_child_page, emulation_child_code, emulation_child_spin
	.globl emulation_child_entry
emulation_child_page:
emulation_child_code:
	movl $201, %eax                /* EMULATION_CHILD_NUMBER */
	movl $1, %edi
	movl $2, %esi
	movl $3, %edx
	movl $4, %r10d
	movl $5, %r8d
	movl $6, %r9d
	syscall
emulation_child_spin:
	pause
	jmp emulation_child_spin
emulation_child_entry:
	addq %rdi, %rax
	addq %rsi, %rax
	addq %rdx, %rax
	addq %r10, %rax
	addq %r8, %rax
	addq %r9, %rax
	leaq -RED_ZONE(%rsp), %rsp
	pushq %r11
	popfq
	leaq RED_ZONE(%rsp), %rsp
	jmp *%rcx
	.p2align 12                    /* the page is the child's alone */

	.bss
	.p2align 3
	.globl emulation_seen, emulation_entries, emulation_which
emulation_seen:
	.skip 136
emulation_entries:
	.skip 8
emulation_which:
	.skip 8
	.section .note.GNU-stack, "", @progbits
