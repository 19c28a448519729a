/* How the kernel enters a task's system-call emulator (D4) and how the emulator
 * returns: the contract between the kernel and emul/ (docs/ARCHITECTURE.md,
 * "System-call emulation").
 *
 * Installing. The emulator's entry points live in the task's emulation vector
 * (mach.defs: task_set_emulation(task, entry, number),
 * task_set_emulation_vector(task, first_number, entries, count)), one per
 * system-call number 0 .. WB_EMULATION_VECTOR_SIZE - 1, user-space addresses,
 * 0 for "none". A non-negative system-call number n goes to
 *   - entry n, if n is in the vector and entry n is not 0;
 *   - otherwise entry WB_EMULATION_DEFAULT_SLOT (0), which is therefore the
 *     emulator's entry for every number, Linux read(0) included;
 *   - otherwise nowhere: the thread takes the exception EXC_BAD_INSTRUCTION,
 *     code EXC_I386_INVOP, subcode the number (truncated to 32 bits), with rip
 *     after the syscall instruction and rax the number; a handler answering
 *     KERN_SUCCESS resumes it with the state it set (rax: the result). Without a
 *     handler the task is terminated.
 * task_set_emulation(task, 0, 0) thus removes the default entry. Negative
 * numbers are always Mach traps (mach/syscall_sw.h) and are never emulated.
 * task_create copies the parent's vector to the child, whether or not it
 * inherits memory; a boot module started as a task starts without one.
 *
 * Entering. At `syscall` the kernel only changes where the thread resumes:
 * it continues in user mode at the entry with every register as the syscall
 * instruction left it:
 *   rax        the system-call number
 *   rdi, rsi, rdx, r10, r8, r9   the arguments (Linux x86_64 order)
 *   rcx        the return address: the instruction after `syscall`
 *   r11        rflags at the syscall
 *   rflags     the same flags (the kernel restores them on the way out)
 *   rsp        the caller's stack pointer, unchanged: the caller's 128-byte red
 *              zone lies below it, so the emulator must first move rsp down by
 *              at least WB_EMULATION_RED_ZONE bytes before it pushes anything
 *   rbx, rbp, r12-r15, FS/GS bases, x87/SSE/AVX state: unchanged
 * Nothing is written to user memory and the kernel keeps no record of the
 * call: the emulator is ordinary user code of the thread (signals, exceptions,
 * thread_abort and thread_get_state see it as such).
 *
 * Returning. Entirely in user mode, with the result in rax: restore rflags
 * from r11 and rsp, then jump to rcx. As after Linux's syscall, rcx and r11
 * are the only registers besides rax that the caller may find changed. E.g.
 *     lea -128(%rsp), %rsp ; push %r11 ; popfq ; lea 128(%rsp), %rsp
 *     jmp *%rcx
 */
#ifndef WILDEBEEST_EMULATION_H
#define WILDEBEEST_EMULATION_H

/* The slot whose entry serves every number without an entry of its own. */
#define WB_EMULATION_DEFAULT_SLOT 0
/* The vector covers system-call numbers 0 .. WB_EMULATION_VECTOR_SIZE - 1
 * (larger numbers reach only the default entry). */
#define WB_EMULATION_VECTOR_SIZE 1024
/* Bytes below the caller's rsp the emulator must not touch (the x86_64 ABI's
 * red zone). */
#define WB_EMULATION_RED_ZONE 128

#endif
