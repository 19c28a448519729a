/* exit (of one thread). The thread first leaves the program's stack for the
 * top of its emulator block (the main thread: a static stack), because the
 * moment its CLONE_CHILD_CLEARTID word reads 0 a joiner may free or reuse the
 * stack it ran on. There it walks its robust list (marking the futexes it
 * still holds FUTEX_OWNER_DIED and waking a waiter), stores 0 at the
 * clear_child_tid address and wakes it (shared and private keys: Linux's wake
 * reaches both), puts its block on the ended list and terminates itself; the
 * next clone or exit frees the block once the thread's port is dead. The last
 * thread's exit ends the process like exit_group with its status. */
#include <mach.h>
#include "emul.h"
#include "futex.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "syscalls.h"
#include "signal_internal.h"
#include "threads.h"

#define ROBUST_LIST_LIMIT     2048 /* Linux's bound on a robust list walk */
#define MAIN_EXIT_STACK_BYTES (8u << 10)

/* Calls function(argument) on the stack ending at stack_top (16-byte aligned). */
_Noreturn void emul_run_on_stack(void (*function)(void *), void *argument, void *stack_top);
__asm__(".text\n"
        ".globl emul_run_on_stack\n"
        ".type emul_run_on_stack, @function\n"
        "emul_run_on_stack:\n"
        "	movq %rdx, %rsp\n"
        "	movq %rdi, %rax\n"
        "	movq %rsi, %rdi\n"
        "	call *%rax\n"
        "	ud2\n"
        ".size emul_run_on_stack, . - emul_run_on_stack\n");

static uint8_t main_exit_stack[MAIN_EXIT_STACK_BYTES] __attribute__((aligned(16)));

/* Marks one robust futex word of ours as its owner died, waking a waiter. */
static void release_robust_word(uint64_t word_address, int32_t tid)
{
	if ((word_address & 3) || !emul_user_range_ok(word_address, 4, VM_PROT_WRITE))
		return;
	uint32_t *word = (uint32_t *)word_address;
	uint32_t value = __atomic_load_n(word, __ATOMIC_RELAXED);
	for (;;) {
		if ((value & LINUX_FUTEX_TID_MASK) != (uint32_t)tid)
			return;
		uint32_t died = (value & LINUX_FUTEX_WAITERS) | LINUX_FUTEX_OWNER_DIED;
		if (__atomic_compare_exchange_n(word, &value, died, false, __ATOMIC_SEQ_CST,
		                                __ATOMIC_RELAXED))
			break;
	}
	if (value & LINUX_FUTEX_WAITERS) {
		(void)emul_futex_wake(word_address, 1, true);
		(void)emul_futex_wake(word_address, 1, false);
	}
}

static void walk_robust_list(struct emul_thread *self)
{
	uint64_t head_address = (uint64_t)self->robust_list_head;
	struct linux_robust_list_head head;
	if (!head_address || emul_copy_from_user(&head, head_address, sizeof(head)) < 0)
		return;
	uint64_t entry = head.next;
	for (unsigned count = 0; entry != head_address && entry && count < ROBUST_LIST_LIMIT;
	     count++) {
		uint64_t next;
		if (emul_copy_from_user(&next, entry, sizeof(next)) < 0)
			break;
		if (entry != head.list_op_pending)
			release_robust_word(entry + (uint64_t)head.futex_offset, self->tid);
		entry = next;
	}
	if (head.list_op_pending)
		release_robust_word(head.list_op_pending + (uint64_t)head.futex_offset, self->tid);
}

static _Noreturn void finish_exit(void *argument)
{
	struct emul_thread *self = argument;
	walk_robust_list(self);
	uint64_t clear = (uint64_t)self->clear_child_tid;
	if (clear && !(clear & 3) && emul_user_range_ok(clear, 4, VM_PROT_WRITE)) {
		__atomic_store_n((int32_t *)clear, 0, __ATOMIC_SEQ_CST);
		(void)emul_futex_wake(clear, 1, true);
		(void)emul_futex_wake(clear, 1, false);
	}
	emul_threads_mark_ended(self);
	(void)thread_terminate(self->thread_port);
	for (;;) /* not reached: the thread is gone */
		(void)swtch_pri(0);
}

long emul_sys_exit(struct emul_frame *frame)
{
	if (emul_threads_remove())
		return emul_sys_exit_group(frame); /* the last thread: the process ends */
	emul_threads_reap_ended();
	struct emul_thread *self = emul_thread_self();
	emul_signal_thread_remove(self);
	void *stack_top = self->stack_base ? (uint8_t *)self->stack_base + self->stack_size
	                                   : (void *)(main_exit_stack + sizeof(main_exit_stack));
	emul_run_on_stack(finish_exit, self, stack_top);
}
