/* Wildebeest overlay of <mach/machine/syscall_sw.h> for x86_64.
 * Debian's gnumach-dev ships the i386 version, whose SVC is an lcall through a
 * call gate: that faults in 64-bit mode. GNU Mach's x86_64 ABI enters the kernel
 * with `syscall`: trap number (negative) in rax, arguments in rdi, rsi, rdx, r10,
 * r8, r9 (rcx is clobbered by `syscall`, so the 4th C argument moves to r10),
 * further arguments on the user stack above the return address; result in rax. */
#ifndef _MACH_X86_64_SYSCALL_SW_H_
#define _MACH_X86_64_SYSCALL_SW_H_

#define kernel_trap(trap_name, trap_number, number_args)                                           \
	.globl trap_name;                                                                          \
	.type trap_name, @function;                                                                \
	.p2align 4;                                                                                \
	trap_name:                                                                                 \
	movq $(trap_number), %rax;                                                                 \
	movq %rcx, %r10;                                                                           \
	syscall;                                                                                   \
	ret;                                                                                       \
	.size trap_name, .- trap_name

#endif
