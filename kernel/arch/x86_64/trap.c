/* Interrupt and exception dispatch: device and IPI vectors, CPU exceptions in
 * user mode (reported, then the task is terminated), kernel faults (panic). */
#include "arch/x86_64/trap_frame.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/pmap.h"
#include "kern/cpu.h"
#include "kern/irq_state.h"
#include "kern/sched.h"
#include "kern/timer.h"
#include "kern/entropy.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include "dev/console.h"

void trap_dispatch(struct trap_frame *frame);

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range exceeded",
	"invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
	"invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
	"page fault", "reserved", "x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception", "control protection",
};

static const char *exception_name(uint64_t vector)
{
	return vector < 32 && exception_names[vector] ? exception_names[vector] : "reserved exception";
}

irq_state_t irq_save_disable(void)
{
	irq_state_t state = read_rflags() & RFLAGS_IF;
	interrupts_disable();
	return state;
}

void irq_restore(irq_state_t state)
{
	if (state)
		interrupts_enable();
}

static void describe_page_fault(const struct trap_frame *frame, char *text, size_t size)
{
	uint64_t code = frame->error_code;
	const char *access = (code & 0x10) ? "execute" : (code & 2) ? "write" : "read";
	const char *cause = current_thread()->fault_result == KERN_RESOURCE_SHORTAGE
	                        ? "out of memory"
	                    : (code & 1) ? "protection violation"
	                                 : "not present";
	int n = 0;
	const char *parts[] = {access, ", ", cause};
	for (unsigned i = 0; i < 3; i++) {
		for (const char *p = parts[i]; *p && (size_t)n + 1 < size; p++)
			text[n++] = *p;
	}
	text[n] = '\0';
}

bool (*user_exception_hook)(struct trap_frame *frame);

/* A page fault the task's address map resolves (zero fill, copy-on-write,
 * a page not mapped yet, a pager's page) returns to the faulting instruction;
 * otherwise the thread keeps vm_fault's answer for the exception it raises.
 * Interrupts are on meanwhile: the fault may sleep waiting for a pager. */
static bool user_page_fault(struct trap_frame *frame)
{
	struct thread *thread = current_thread();
	thread->fault_address = read_cr2();
	vm_prot_t access = VM_PROT_READ;
	if (frame->error_code & 0x2)
		access |= VM_PROT_WRITE;
	if (frame->error_code & 0x10)
		access = VM_PROT_EXECUTE;
	struct vm_map *map = thread->task->map;
	if (!map) {
		thread->fault_result = KERN_INVALID_ADDRESS;
		return false;
	}
	irq_state_t state = irq_save_disable();
	interrupts_enable();
	thread->fault_result = vm_fault(map, thread->fault_address, access);
	irq_restore(state);
	return thread->fault_result == KERN_SUCCESS;
}

static void user_exception(struct trap_frame *frame)
{
	struct thread *thread = current_thread();
	struct task *task = thread->task;
	/* An exception port that takes the exception resumes the thread. */
	if (user_exception_hook && user_exception_hook(frame))
		return;
	if (frame->vector == 14) {
		char fault[48];
		describe_page_fault(frame, fault, sizeof(fault));
		kprintf("fault: task %lu (%s) thread %lu on cpu %u: page fault at address 0x%lx (%s, "
			"error 0x%lx), rip 0x%lx cs 0x%lx; task terminated\n",
			(unsigned long)task->id, task->name, (unsigned long)thread->id, this_cpu()->index,
			(unsigned long)thread->fault_address, fault, (unsigned long)frame->error_code,
			(unsigned long)frame->rip, (unsigned long)frame->cs);
	} else {
		kprintf("fault: task %lu (%s) thread %lu on cpu %u: %s (vector %lu, error 0x%lx), "
			"rip 0x%lx rsp 0x%lx; task terminated\n",
			(unsigned long)task->id, task->name, (unsigned long)thread->id, this_cpu()->index,
			exception_name(frame->vector), (unsigned long)frame->vector,
			(unsigned long)frame->error_code, (unsigned long)frame->rip,
			(unsigned long)frame->rsp);
	}
	task_terminate_with_status(task, TASK_STATUS_FAULTED | (int)frame->vector);
}

static _Noreturn void kernel_exception(struct trap_frame *frame)
{
	struct cpu *cpu = this_cpu();
	panic("%s (vector %lu, error 0x%lx) in the kernel on cpu %u\n"
	      "  rip %016lx  rsp %016lx  rflags %016lx  cr2 %016lx\n"
	      "  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n"
	      "  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n"
	      "  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n"
	      "  r13 %016lx  r14 %016lx  r15 %016lx",
	      exception_name(frame->vector), (unsigned long)frame->vector,
	      (unsigned long)frame->error_code, cpu ? cpu->index : 0, frame->rip, frame->rsp,
	      frame->rflags, read_cr2(), frame->rax, frame->rbx, frame->rcx, frame->rdx, frame->rsi,
	      frame->rdi, frame->rbp, frame->r8, frame->r9, frame->r10, frame->r11, frame->r12,
	      frame->r13, frame->r14, frame->r15);
}

void trap_dispatch(struct trap_frame *frame)
{
	uint64_t vector = frame->vector;
	if (vector == 2) { /* NMI: another CPU stopped the machine */
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	if (vector < 32) {
		if (!trap_frame_from_user(frame))
			kernel_exception(frame);
		if (vector != 14 || !user_page_fault(frame))
			user_exception(frame);
	} else if (vector == VECTOR_TIMER) {
		lapic_eoi();
		entropy_add_sample(rdtsc());
		if (timer_interrupt_tick_due())
			sched_tick();
		else
			timer_tick();
		timer_interrupt_rearm();
	} else if (vector == VECTOR_RESCHEDULE) {
		lapic_eoi();
		this_cpu()->need_resched = true;
	} else if (vector == VECTOR_TLB_FLUSH) {
		lapic_eoi();
		pmap_tlb_flush_serve();
	} else if (vector >= VECTOR_IRQ_BASE && vector < VECTOR_IRQ_BASE + IOAPIC_LINES) {
		entropy_add_sample(rdtsc());
		ioapic_line_interrupt((unsigned)(vector - VECTOR_IRQ_BASE));
	} else if (vector == VECTOR_SPURIOUS) {
		/* no EOI for spurious interrupts */
	} else {
		lapic_eoi();
		kprintf("trap: unexpected interrupt vector %lu on cpu %u\n", (unsigned long)vector,
			this_cpu()->index);
	}
	if (trap_frame_from_user(frame))
		sched_return_to_user_checks();
}
