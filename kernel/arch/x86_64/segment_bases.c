/* Per-thread user FS and GS bases: each CPU remembers which bases it holds and
 * writes the MSRs only when the next user thread's differ (most threads have 0). */
#include "arch/x86_64/segment_bases.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/layout.h"
#include "kern/cpu.h"
#include "kern/irq_state.h"
#include "kern/thread.h"

/* Never a thread's base (not a user address): the CPU's value is not known. */
#define SEGMENT_BASE_UNKNOWN UINT64_MAX

bool segment_base_is_valid(uint64_t base)
{
	return base < USER_SPACE_END;
}

void segment_bases_init_cpu(struct cpu *cpu)
{
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0); /* the user's GS base while in the kernel */
	cpu->arch.loaded_fs_base = 0;
	cpu->arch.loaded_user_gs_base = 0;
}

static uint16_t read_fs_selector(void)
{
	uint16_t selector;
	__asm__ volatile("mov %%fs, %0" : "=r"(selector));
	return selector;
}

static uint16_t read_gs_selector(void)
{
	uint16_t selector;
	__asm__ volatile("mov %%gs, %0" : "=r"(selector));
	return selector;
}

/* A user thread may load a selector into FS or GS, which replaces the base
 * behind the kernel's back: the CPU's bases are then unknown. The selectors go
 * back to null (the user GS one between two swapgs, so that the kernel's own
 * GS base is not the one a null load may clear). */
static void forget_user_selectors(struct cpu *cpu)
{
	if (read_fs_selector() != 0) {
		__asm__ volatile("mov %0, %%fs" : : "r"(0) : "memory");
		cpu->arch.loaded_fs_base = SEGMENT_BASE_UNKNOWN;
	}
	if (read_gs_selector() != 0) {
		__asm__ volatile("swapgs\n\tmov %0, %%gs\n\tswapgs" : : "r"(0) : "memory");
		cpu->arch.loaded_user_gs_base = SEGMENT_BASE_UNKNOWN;
	}
}

static void load_bases(struct cpu *cpu, const struct thread *thread)
{
	if (cpu->arch.loaded_fs_base != thread->user_fs_base) {
		wrmsr(MSR_FS_BASE, thread->user_fs_base);
		cpu->arch.loaded_fs_base = thread->user_fs_base;
	}
	if (cpu->arch.loaded_user_gs_base != thread->user_gs_base) {
		wrmsr(MSR_KERNEL_GS_BASE, thread->user_gs_base);
		cpu->arch.loaded_user_gs_base = thread->user_gs_base;
	}
}

void segment_bases_switch(struct cpu *cpu, struct thread *previous, struct thread *next)
{
	if (previous->task)
		forget_user_selectors(cpu);
	if (next->task)
		load_bases(cpu, next);
}

void segment_bases_reload_current(void)
{
	irq_state_t state = irq_save_disable();
	struct cpu *cpu = this_cpu();
	forget_user_selectors(cpu);
	load_bases(cpu, current_thread());
	irq_restore(state);
}
