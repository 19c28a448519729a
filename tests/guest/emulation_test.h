/* The in-guest emulation test (emulation_test.c runs the parts in order): the
 * emulation vector's dispatch of non-negative system calls, its inheritance,
 * the exception without an emulator, and per-thread FS/GS bases. */
#ifndef WB_GUEST_EMULATION_TEST_H
#define WB_GUEST_EMULATION_TEST_H

#include "ipc_common.h"

/* The registers around one system call (emulation_test_trampoline.S). The
 * offsets are the assembly's EMULATION_REG_* ones. */
struct emulation_registers {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rflags;
};

/* The test emulator's entries: both record the registers they were entered
 * with in emulation_seen, count the entry in emulation_entries, note which
 * entry ran (1 or 2) in emulation_which, and return rax = the number plus the
 * six arguments (emulation_test_result), flags restored from r11. */
extern char emulation_entry_one[], emulation_entry_two[];
extern struct emulation_registers emulation_seen;
extern volatile uint64_t emulation_entries, emulation_which;
/* Loads every register from *registers (rflags too), executes `syscall` at
 * emulation_syscall_instruction, and stores every register after it back. */
void emulation_do_syscall(struct emulation_registers *registers);
extern char emulation_syscall_instruction[], emulation_syscall_return[];
/* A task_create'd child's page (emulation_child_page, page-aligned, one page):
 * its thread runs emulation_child_code, system call EMULATION_CHILD_NUMBER with
 * arguments 1..6, then spins at emulation_child_spin with the result in rax;
 * emulation_child_entry is an emulator entry that only computes the result. */
extern char emulation_child_page[], emulation_child_code[], emulation_child_spin[];
extern char emulation_child_entry[];
#define EMULATION_CHILD_NUMBER 201

static inline uint64_t emulation_test_result(const struct emulation_registers *in)
{
	return in->rax + in->rdi + in->rsi + in->rdx + in->r10 + in->r8 + in->r9;
}

/* Sleeps ms milliseconds (a receive that times out). */

void emulation_test_exception(void);
void emulation_test_dispatch(void);
void emulation_test_inherit(void);
void emulation_test_no_emulator_again(void);
void emulation_test_segment_bases(void);
void emulation_test_segment_bases_threads(void);

#endif
