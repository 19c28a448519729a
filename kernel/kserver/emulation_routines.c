/* mach.defs, the emulation vector of Mach 3's in-task emulation (D4): per task,
 * an entry point for each emulated system call number, set one at a time or
 * as a range, read back, inherited by task_create, and looked up for each
 * non-negative system call (kern/syscall_emulation.c). */
#include "kserver_types.h"
#include "mach_server.h"
#include "emulation.h"
#include "ipc/ipc_kernel.h"
#include "kern/kalloc.h"
#include "arch/x86_64/layout.h"
#include "lib/kstring.h"
#include <wildebeest/emulation.h>

/* The vector's bounds: system call numbers 0 .. EMULATION_VECTOR_MAX - 1. */
#define EMULATION_VECTOR_MAX WB_EMULATION_VECTOR_SIZE

/* Under task->lock: true if the vector covers [start, start + count). */
static bool vector_covers(const struct task *task, int start, unsigned count)
{
	return task->emulation_vector && start >= task->emulation_start &&
	       start + (int)count <= task->emulation_start + (int)task->emulation_count;
}

static bool entries_are_zero(const uint64_t *entries, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (entries[i])
			return false;
	return true;
}

/* Under task->lock: true if every entry is 0 (no emulator left). */
static bool vector_is_empty(const struct task *task)
{
	return entries_are_zero(task->emulation_vector, task->emulation_count);
}

/* Stores count entries from start on, first replacing the vector by a larger
 * one (the union of the old range and the new, unset entries 0) if it does not
 * cover them; a vector left with only zeros is freed, as if never set. The
 * allocation happens unlocked: if another thread changed the vector meanwhile,
 * it starts over. */
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
	for (;;) {
		irq_state_t state = spin_lock_irqsave(&task->lock);
		if (vector_covers(task, start, count)) {
			memcpy(task->emulation_vector + (start - task->emulation_start), entries,
			       count * sizeof(uint64_t));
			uint64_t *emptied = NULL;
			size_t emptied_bytes = task->emulation_count * sizeof(uint64_t);
			if (vector_is_empty(task)) {
				emptied = task->emulation_vector;
				task->emulation_vector = NULL;
				task->emulation_start = 0;
				task->emulation_count = 0;
			}
			spin_unlock_irqrestore(&task->lock, state);
			kfree(emptied, emptied_bytes);
			return KERN_SUCCESS;
		}
		uint64_t *old = task->emulation_vector;
		int old_start = task->emulation_start;
		unsigned old_count = task->emulation_count;
		spin_unlock_irqrestore(&task->lock, state);
		if (!old && entries_are_zero(entries, count))
			return KERN_SUCCESS; /* clearing what was never set */

		int low = start, high = start + (int)count;
		if (old && old_start < low)
			low = old_start;
		if (old && old_start + (int)old_count > high)
			high = old_start + (int)old_count;
		size_t bytes = (size_t)(high - low) * sizeof(uint64_t);
		uint64_t *vector = kalloc(bytes);
		if (!vector)
			return KERN_RESOURCE_SHORTAGE;
		memset(vector, 0, bytes);

		state = spin_lock_irqsave(&task->lock);
		bool unchanged = task->emulation_vector == old &&
		                 task->emulation_start == old_start &&
		                 task->emulation_count == old_count;
		if (unchanged) {
			if (old)
				memcpy(vector + (old_start - low), old,
				       old_count * sizeof(uint64_t));
			memcpy(vector + (start - low), entries, count * sizeof(uint64_t));
			task->emulation_vector = vector;
			task->emulation_start = low;
			task->emulation_count = (unsigned)(high - low);
		}
		spin_unlock_irqrestore(&task->lock, state);
		if (unchanged) {
			kfree(old, old_count * sizeof(uint64_t));
			return KERN_SUCCESS;
		}
		kfree(vector, bytes);
	}
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

uint64_t emulation_entry_for(struct task *task, uint64_t number)
{
	irq_state_t state = spin_lock_irqsave(&task->lock);
	uint64_t entry = 0;
	const uint64_t *vector = task->emulation_vector;
	if (vector) {
		/* The range never starts below 0: slot 0 exists only when it starts there. */
		uint64_t start = (uint64_t)task->emulation_start;
		if (number >= start && number - start < task->emulation_count)
			entry = vector[number - start];
		if (!entry && start == WB_EMULATION_DEFAULT_SLOT)
			entry = vector[WB_EMULATION_DEFAULT_SLOT];
	}
	spin_unlock_irqrestore(&task->lock, state);
	return entry;
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
		int start = parent->emulation_start;
		if (unchanged)
			memcpy(vector, parent->emulation_vector, bytes);
		spin_unlock_irqrestore(&parent->lock, state);
		if (!unchanged) { /* the parent's vector changed meanwhile: again */
			kfree(vector, bytes);
			continue;
		}
		/* The child's port is out already (new-task notification): if someone
		 * gave it a vector of its own meanwhile, that one stays. */
		state = spin_lock_irqsave(&child->lock);
		bool empty = !child->emulation_vector;
		if (empty) {
			child->emulation_vector = vector;
			child->emulation_start = start;
			child->emulation_count = count;
		}
		spin_unlock_irqrestore(&child->lock, state);
		if (!empty)
			kfree(vector, bytes);
		return true;
	}
}

void emulation_release(struct task *task)
{
	kfree(task->emulation_vector, task->emulation_count * sizeof(uint64_t));
	task->emulation_vector = NULL;
	task->emulation_count = 0;
}
