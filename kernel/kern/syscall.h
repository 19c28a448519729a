/* The C side of the syscall instruction's entry (entry.S). */
#ifndef WB_KERN_SYSCALL_H
#define WB_KERN_SYSCALL_H

struct trap_frame;

void syscall_dispatch(struct trap_frame *frame);
/* A non-negative system call: the frame is redirected to the task's emulator
 * entry, or the exception is raised (and the task ended if nobody takes it). */
void syscall_emulate(struct trap_frame *frame);

#endif
