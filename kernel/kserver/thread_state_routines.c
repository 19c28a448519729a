/* mach.defs, thread_get_state/thread_set_state: a stopped thread's user
 * registers in GNU Mach's x86_64 i386_THREAD_STATE layout, and any thread's FS
 * and GS bases (i386_FSGS_BASE_STATE), as the include/ overlay's
 * <mach/machine/thread_status.h> defines them. */
#include "kserver_types.h"
#include "mach_server.h"
#include "kern/cpu.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/segment_bases.h"
#include "arch/x86_64/thread_arch.h"
#include "arch/x86_64/trap_frame.h"
#include "lib/kstring.h"
#include <mach/thread_status.h>

/* The flags a user program may set: CF PF AF ZF SF TF DF OF AC ID; IF is forced on. */
#define RFLAGS_USER_CHANGEABLE 0x254dd5ul
#define RFLAGS_ALWAYS_SET      (RFLAGS_IF | 0x2ul)

/* As in Mach, the registers of a thread that is not suspended can be read and
 * changed too: it is held for the time of the call (a thread waiting for its
 * exception handler's answer is stopped already, asleep in the kernel). */
static bool hold_until_stable(struct thread *thread)
{
	if (!thread->task || !thread->kernel_stack)
		return false;
	if (thread == current_thread())
		return true;
	if (thread_hold(thread) != KERN_SUCCESS)
		return false;
	if (thread_wait_until_stopped(thread))
		return true;
	thread_release_hold(thread);
	return false;
}

static void release_stable(struct thread *thread)
{
	if (thread != current_thread())
		thread_release_hold(thread);
}

/* The bases are the thread's own fields: read as they are, no hold needed. */
static kern_return_t get_segment_bases(struct thread *thread, thread_state_t old_state,
                                       mach_msg_type_number_t *old_stateCnt)
{
	if (*old_stateCnt < i386_FSGS_BASE_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	if (!thread->task || !thread->kernel_stack)
		return KERN_FAILURE;
	struct i386_fsgs_base_state state = {
	    .fs_base = __atomic_load_n(&thread->user_fs_base, __ATOMIC_RELAXED),
	    .gs_base = __atomic_load_n(&thread->user_gs_base, __ATOMIC_RELAXED),
	};
	memcpy(old_state, &state, sizeof(state));
	*old_stateCnt = i386_FSGS_BASE_STATE_COUNT;
	return KERN_SUCCESS;
}

/* The calling thread changes its own bases without being held (the emulator's
 * arch_prctl): they are loaded before it returns to user mode. Another thread
 * is held, and loads them when it is next switched in. */
static kern_return_t set_segment_bases(struct thread *thread, const thread_state_t new_state,
                                       mach_msg_type_number_t new_stateCnt)
{
	if (new_stateCnt < i386_FSGS_BASE_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct i386_fsgs_base_state state;
	memcpy(&state, new_state, sizeof(state));
	if (!segment_base_is_valid(state.fs_base) || !segment_base_is_valid(state.gs_base))
		return KERN_INVALID_ARGUMENT;
	if (!hold_until_stable(thread))
		return KERN_FAILURE;
	__atomic_store_n(&thread->user_fs_base, state.fs_base, __ATOMIC_RELAXED);
	__atomic_store_n(&thread->user_gs_base, state.gs_base, __ATOMIC_RELAXED);
	if (thread == current_thread())
		segment_bases_reload_current();
	release_stable(thread);
	return KERN_SUCCESS;
}

kern_return_t thread_get_state(thread_t target_thread, int flavor, thread_state_t old_state,
                               mach_msg_type_number_t *old_stateCnt)
{
	if (!target_thread)
		return KERN_INVALID_ARGUMENT;
	if (flavor == i386_FSGS_BASE_STATE)
		return get_segment_bases(target_thread, old_state, old_stateCnt);
	if (flavor != i386_THREAD_STATE && flavor != i386_REGS_SEGS_STATE)
		return KERN_INVALID_ARGUMENT;
	if (*old_stateCnt < i386_THREAD_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	if (!hold_until_stable(target_thread))
		return KERN_FAILURE;
	const struct trap_frame *frame = thread_user_frame(target_thread);
	struct i386_thread_state state = {
	    .r8 = frame->r8,
	    .r9 = frame->r9,
	    .r10 = frame->r10,
	    .r11 = frame->r11,
	    .r12 = frame->r12,
	    .r13 = frame->r13,
	    .r14 = frame->r14,
	    .r15 = frame->r15,
	    .rdi = frame->rdi,
	    .rsi = frame->rsi,
	    .rbp = frame->rbp,
	    .rsp = frame->rsp,
	    .rbx = frame->rbx,
	    .rdx = frame->rdx,
	    .rcx = frame->rcx,
	    .rax = frame->rax,
	    .rip = frame->rip,
	    .cs = (unsigned)frame->cs,
	    .rfl = frame->rflags,
	    .ursp = frame->rsp,
	    .ss = (unsigned)frame->ss,
	};
	release_stable(target_thread);
	memcpy(old_state, &state, sizeof(state));
	*old_stateCnt = i386_THREAD_STATE_COUNT;
	return KERN_SUCCESS;
}

kern_return_t thread_set_state(thread_t target_thread, int flavor, const thread_state_t new_state,
                               mach_msg_type_number_t new_stateCnt)
{
	if (!target_thread)
		return KERN_INVALID_ARGUMENT;
	if (flavor == i386_FSGS_BASE_STATE)
		return set_segment_bases(target_thread, new_state, new_stateCnt);
	if (flavor != i386_THREAD_STATE && flavor != i386_REGS_SEGS_STATE)
		return KERN_INVALID_ARGUMENT;
	if (new_stateCnt < i386_THREAD_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct i386_thread_state state;
	memcpy(&state, new_state, sizeof(state));
	if (state.rip >= USER_SPACE_END || state.ursp >= USER_SPACE_END)
		return KERN_INVALID_ARGUMENT;
	if (!hold_until_stable(target_thread))
		return KERN_FAILURE;
	struct trap_frame *frame = thread_user_frame(target_thread);
	frame->r8 = state.r8, frame->r9 = state.r9, frame->r10 = state.r10, frame->r11 = state.r11;
	frame->r12 = state.r12, frame->r13 = state.r13, frame->r14 = state.r14;
	frame->r15 = state.r15, frame->rdi = state.rdi, frame->rsi = state.rsi;
	frame->rbp = state.rbp, frame->rbx = state.rbx, frame->rdx = state.rdx;
	frame->rcx = state.rcx, frame->rax = state.rax, frame->rip = state.rip;
	frame->rsp = state.ursp;
	frame->rflags = (state.rfl & RFLAGS_USER_CHANGEABLE) | RFLAGS_ALWAYS_SET;
	/* Segments are the kernel's business: a user thread runs in the user selectors. */
	frame->cs = SEL_USER_CODE;
	frame->ss = SEL_USER_DATA;
	release_stable(target_thread);
	return KERN_SUCCESS;
}
