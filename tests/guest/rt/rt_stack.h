/* The size (and alignment) of every thread stack of the guest runtime, shared
 * by crt0.S and rt_thread.c: a thread finds its thread block at the base of its
 * stack by masking its stack pointer with it. */
#ifndef WB_GUEST_RT_STACK_H
#define WB_GUEST_RT_STACK_H

#define RT_STACK_SIZE 65536

#endif
