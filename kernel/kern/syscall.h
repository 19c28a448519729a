/* The C side of the syscall instruction's entry (entry.S). */
#ifndef WB_KERN_SYSCALL_H
#define WB_KERN_SYSCALL_H

struct trap_frame;

void syscall_dispatch(struct trap_frame *frame);

#endif
