/* Multiboot v1 entry of the kernel: 32-bit protected mode from the loader,
 * switch to long mode with a temporary higher-half mapping, call kernel_main. */
#include "layout.h"

#define MULTIBOOT_MAGIC 0x1BADB002
#define MULTIBOOT_FLAGS 0x00010003 /* page-aligned modules, memory map, address fields */

	.section .multiboot, "a"
	.p2align 2
multiboot_header:
	.long MULTIBOOT_MAGIC
	.long MULTIBOOT_FLAGS
	.long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)
	.long multiboot_header - KERNEL_VIRT_BASE     /* header_addr */
	.long kernel_image_start - KERNEL_VIRT_BASE   /* load_addr */
	.long kernel_data_end - KERNEL_VIRT_BASE      /* load_end_addr */
	.long kernel_image_end - KERNEL_VIRT_BASE     /* bss_end_addr */
	.long boot_entry32 - KERNEL_VIRT_BASE         /* entry_addr */

	.section .boot.text, "ax"
	.code32
	.globl boot_entry32
boot_entry32:
	cli
	movl $(boot_stack_top - KERNEL_VIRT_BASE), %esp
	movl %eax, %edi                /* multiboot magic */
	movl %ebx, %esi                /* multiboot info (physical) */

	/* Page tables: the first 1 GiB identity-mapped and at KERNEL_VIRT_BASE, 2 MiB pages. */
	movl $(boot_pd - KERNEL_VIRT_BASE), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax                /* present, writable, 2 MiB page */
	movl %eax, (%ebx, %ecx, 8)
	movl $0, 4(%ebx, %ecx, 8)
	incl %ecx
	cmpl $512, %ecx
	jne 1b
	movl $(boot_pd - KERNEL_VIRT_BASE + 3), %eax
	movl %eax, (boot_pdpt_low - KERNEL_VIRT_BASE)
	movl %eax, (boot_pdpt_high - KERNEL_VIRT_BASE + 510 * 8)
	movl $(boot_pdpt_low - KERNEL_VIRT_BASE + 3), %eax
	movl %eax, (boot_pml4 - KERNEL_VIRT_BASE)
	movl $(boot_pdpt_high - KERNEL_VIRT_BASE + 3), %eax
	movl %eax, (boot_pml4 - KERNEL_VIRT_BASE + 511 * 8)

	movl %cr4, %eax
	orl $0x20, %eax                /* PAE */
	movl %eax, %cr4
	movl $(boot_pml4 - KERNEL_VIRT_BASE), %eax
	movl %eax, %cr3
	movl $0xC0000080, %ecx         /* EFER */
	rdmsr
	orl $0x101, %eax               /* LME, SCE: set with LME, as nested KVM here drops a later SCE */
	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax          /* PG, WP, PE */
	movl %eax, %cr0
	lgdt (boot_gdt_pointer - KERNEL_VIRT_BASE)
	ljmp $0x08, $(boot_entry64_low - KERNEL_VIRT_BASE)

	.code64
boot_entry64_low:
	movabsq $boot_entry64_high, %rax
	jmp *%rax
boot_entry64_high:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	/* edi = magic, esi = multiboot info physical address (zero-extended) */
	movl %edi, %edi
	movl %esi, %esi
	call kernel_main
2:	cli
	hlt
	jmp 2b

	.section .rodata
	.p2align 3
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff       /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff       /* 0x10: data */
boot_gdt_end:
boot_gdt_pointer:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt - KERNEL_VIRT_BASE

	.section .bss
	.p2align 12
	.globl boot_pml4
boot_pml4:
	.skip 4096
	.globl boot_pdpt_low
boot_pdpt_low:
	.skip 4096
	.globl boot_pdpt_high
boot_pdpt_high:
	.skip 4096
boot_pd:
	.skip 4096
	.globl boot_stack_top
boot_stack:
	.skip 16384
boot_stack_top:
