/* Application-processor start-up code, copied to AP_TRAMPOLINE_PHYS: real mode
 * to long mode, then a jump to ap_main with the stack and CPU chosen by smp.c. */
#include "layout.h"

#define T(x) ((x) - ap_trampoline_start + AP_TRAMPOLINE_PHYS)

	.section .rodata
	.code16
	.globl ap_trampoline_start
ap_trampoline_start:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl T(ap_gdt_pointer)
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl $0x08, $T(ap_protected)

	.code32
ap_protected:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %ss
	movl %cr4, %eax
	orl $0x20, %eax                /* PAE */
	movl %eax, %cr4
	movl T(ap_cr3), %eax
	movl %eax, %cr3
	movl $0xC0000080, %ecx
	rdmsr
	orl T(ap_efer_bits), %eax      /* LME, and NXE when the boot CPU uses NX */
	wrmsr
	movl %cr0, %eax
	orl $0x80010000, %eax          /* PG, WP */
	movl %eax, %cr0
	ljmpl $0x18, $T(ap_long)

	.code64
ap_long:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movq T(ap_stack), %rsp
	movq T(ap_cpu), %rdi
	movq T(ap_entry), %rax
	jmp *%rax

	.p2align 3
ap_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff       /* 0x08: 32-bit code */
	.quad 0x00cf92000000ffff       /* 0x10: data */
	.quad 0x00af9a000000ffff       /* 0x18: 64-bit code */
ap_gdt_end:
ap_gdt_pointer:
	.word ap_gdt_end - ap_gdt - 1
	.long T(ap_gdt)

	/* Filled in by smp.c for each AP it starts. */
	.p2align 3
	.globl ap_cr3, ap_stack, ap_cpu, ap_entry, ap_efer_bits
ap_cr3:   .quad 0
ap_efer_bits: .quad 0
ap_stack: .quad 0
ap_cpu:   .quad 0
ap_entry: .quad 0
	.globl ap_trampoline_end
ap_trampoline_end:
