/* Preparing a new thread's kernel stack so that switch_context starts it. */
#ifndef WB_ARCH_THREAD_ARCH_H
#define WB_ARCH_THREAD_ARCH_H

#include <stdint.h>

struct thread;
struct trap_frame;

/* The thread will run entry(argument) in kernel mode with interrupts enabled. */
void thread_arch_prepare_kernel(struct thread *thread, void (*entry)(void *), void *argument);
/* The thread will enter user mode at rip with rsp, rdi = argument. */
void thread_arch_prepare_user(struct thread *thread, uint64_t rip, uint64_t rsp, uint64_t argument);

/* The user registers a user thread saved when it last entered the kernel. */
struct trap_frame *thread_user_frame(struct thread *thread);

#endif
