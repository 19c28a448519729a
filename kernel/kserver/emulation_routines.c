/* mach.defs, the emulation vector of Mach 3's in-task emulation (D4): per task,
 * an entry point for each emulated system call number, set one at a time or
 * as a range, read back, and inherited by task_create. The dispatch of a
 * non-negative system call to it comes with the emulator. */
#include "kserver_types.h"
#include "mach_server.h"
#include "emulation.h"
#include "ipc/ipc_kernel.h"
#include "kern/kalloc.h"
#include "arch/x86_64/layout.h"
#include "lib/kstring.h"

/* The vector's bounds: system call numbers 0 .. EMULATION_VECTOR_MAX - 1. */
#define EMULATION_VECTOR_MAX 1024

/* Replaces task's vector by one covering [start, end) that keeps the entries
 * of the old one; entries outside the old range are 0 (not emulated). */
static kern_return_t grow_vector(struct task *task, int start, int end)
{
	irq_state_t state = spin_lock_irqsave(&task->lock);
	int old_start = task->emulation_start;
	int old_end = old_start + (int)task->emulation_count;
	spin_unlock_irqrestore(&task->lock, state);
	if (task->emulation_vector) {
		if (old_start < start)
			start = old_start;
		if (old_end > end)
			end = old_end;
	}
	size_t bytes = (size_t)(end - start) * sizeof(uint64_t);
	uint64_t *vector = kalloc(bytes);
	if (!vector)
		return KERN_RESOURCE_SHORTAGE;
	state = spin_lock_irqsave(&task->lock);
	uint64_t *old = task->emulation_vector;
	size_t old_bytes = task->emulation_count * sizeof(uint64_t);
	if (old)
		memcpy(vector + (task->emulation_start - start), old, old_bytes);
	task->emulation_vector = vector;
	task->emulation_start = start;
	task->emulation_count = (unsigned)(end - start);
	spin_unlock_irqrestore(&task->lock, state);
	kfree(old, old_bytes);
	return KERN_SUCCESS;
}

static kern_return_t set_entries(struct task *task, int start, const uint64_t *entries,
                                 unsigned count)
{
	if (start < 0 || count > EMULATION_VECTOR_MAX || start > EMULATION_VECTOR_MAX - (int)count)
		return KERN_INVALID_ARGUMENT;
	if (count == 0)
		return KERN_SUCCESS;
	for (unsigned i = 0; i < count; i++)
		if (entries[i] >= USER_SPACE_END)
			return KERN_INVALID_ADDRESS;
	irq_state_t state = spin_lock_irqsave(&task->lock);
	bool covered = task->emulation_vector && start >= task->emulation_start &&
	               start + (int)count <= task->emulation_start + (int)task->emulation_count;
	spin_unlock_irqrestore(&task->lock, state);
	if (!covered) {
		kern_return_t result = grow_vector(task, start, start + (int)count);
		if (result != KERN_SUCCESS)
			return result;
	}
	state = spin_lock_irqsave(&task->lock);
	memcpy(task->emulation_vector + (start - task->emulation_start), entries,
	       count * sizeof(uint64_t));
	spin_unlock_irqrestore(&task->lock, state);
	return KERN_SUCCESS;
}

kern_return_t task_set_emulation(task_t target_port, vm_address_t routine_entry_pt,
                                 int routine_number)
{
	if (!target_port)
		return KERN_INVALID_ARGUMENT;
	uint64_t entry = routine_entry_pt;
	return set_entries(target_port, routine_number, &entry, 1);
}

kern_return_t task_set_emulation_vector(task_t task, int vector_start,
                                        emulation_vector_t emulation_vector,
                                        mach_msg_type_number_t emulation_vectorCnt)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	kern_return_t result = set_entries(task, vector_start, (const uint64_t *)emulation_vector,
	                                   emulation_vectorCnt);
	/* On success the out-of-line buffer is ours (KERNEL_SERVER convention). */
	if (result == KERN_SUCCESS)
		ipc_kernel_ool_free(emulation_vector, emulation_vectorCnt * sizeof(uint64_t));
	return result;
}

kern_return_t task_get_emulation_vector(task_t task, int *vector_start,
                                        emulation_vector_t *emulation_vector,
                                        mach_msg_type_number_t *emulation_vectorCnt)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	for (;;) {
		irq_state_t state = spin_lock_irqsave(&task->lock);
		unsigned count = task->emulation_count;
		spin_unlock_irqrestore(&task->lock, state);
		size_t bytes = count * sizeof(uint64_t);
		uint64_t *copy = count ? ipc_kernel_ool_alloc(bytes) : NULL;
		if (count && !copy)
			return KERN_RESOURCE_SHORTAGE;
		state = spin_lock_irqsave(&task->lock);
		if (task->emulation_count != count) { /* changed meanwhile: again */
			spin_unlock_irqrestore(&task->lock, state);
			ipc_kernel_ool_free(copy, bytes);
			continue;
		}
		if (count)
			memcpy(copy, task->emulation_vector, bytes);
		*vector_start = task->emulation_start;
		spin_unlock_irqrestore(&task->lock, state);
		*emulation_vector = (emulation_vector_t)copy;
		*emulation_vectorCnt = count;
		return KERN_SUCCESS;
	}
}

bool emulation_inherit(struct task *child, struct task *parent)
{
	for (;;) {
		irq_state_t state = spin_lock_irqsave(&parent->lock);
		unsigned count = parent->emulation_count;
		spin_unlock_irqrestore(&parent->lock, state);
		if (!count)
			return true;
		size_t bytes = count * sizeof(uint64_t);
		uint64_t *vector = kalloc(bytes);
		if (!vector)
			return false;
		state = spin_lock_irqsave(&parent->lock);
		bool unchanged = parent->emulation_count == count;
		if (unchanged) {
			memcpy(vector, parent->emulation_vector, bytes);
			child->emulation_vector = vector;
			child->emulation_start = parent->emulation_start;
			child->emulation_count = count;
		}
		spin_unlock_irqrestore(&parent->lock, state);
		if (unchanged)
			return true;
		kfree(vector, bytes); /* the parent's vector changed meanwhile: again */
	}
}

void emulation_release(struct task *task)
{
	kfree(task->emulation_vector, task->emulation_count * sizeof(uint64_t));
	task->emulation_vector = NULL;
	task->emulation_count = 0;
}
