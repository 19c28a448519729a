/* The registers saved on a thread's kernel stack when it enters the kernel by
 * interrupt, exception or syscall; entry.S pushes exactly this layout. */
#ifndef WB_ARCH_TRAP_FRAME_H
#define WB_ARCH_TRAP_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;     /* TRAP_VECTOR_SYSCALL for the syscall instruction */
	uint64_t error_code; /* pushed by the CPU for some exceptions, else 0 */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_VECTOR_SYSCALL 0x100

static inline int trap_frame_from_user(const struct trap_frame *frame)
{
	return (frame->cs & 3) == 3;
}

#endif
