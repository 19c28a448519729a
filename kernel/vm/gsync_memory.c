/* gsync's view of user memory (gsync_memory.h): page tables walked by
 * pmap_translate, missing pages faulted in through the task's address map,
 * the word reached through the direct map. */
#include "vm/gsync_memory.h"
#include "vm/physmem.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "kern/task.h"
#include "vm/vm_map.h"

/* A task that began to end may lose its tables at any moment; the caller's
 * task reference keeps the struct, not the tables. Checked here as well as
 * can be done without a map reference (the VM issue brings one). */
static bool tables_usable(struct task *task)
{
	return !__atomic_load_n(&task->end_started, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&task->space.pml4_phys, __ATOMIC_ACQUIRE) != 0;
}

/* The physical address of the user word at address, if mapped user-accessible
 * (and writable, for write). */
static bool translate(struct task *task, uint64_t address, bool write, uint64_t *phys)
{
	unsigned flags;
	if (address >= USER_SPACE_END || !tables_usable(task) ||
	    !pmap_translate(&task->space, address, phys, &flags) || !(flags & PMAP_USER) ||
	    (flags & PMAP_DEVICE))
		return false;
	return !write || (flags & PMAP_WRITE);
}

/* Faults the page in: for writing where the memory allows it, so that a
 * copy-on-write page is the task's own before its frame names a shared key. */
static bool fault_in(struct task *task, uint64_t address, bool write)
{
	struct vm_map *map = task->map;
	if (!map || !tables_usable(task))
		return false;
	if (vm_fault(map, address, VM_PROT_READ | VM_PROT_WRITE) == KERN_SUCCESS)
		return true;
	return !write && vm_fault(map, address, VM_PROT_READ) == KERN_SUCCESS;
}

bool gsync_resolve_key(struct task *task, uint64_t address, bool shared, struct gsync_key *key)
{
	uint64_t phys;
	unsigned flags = 0;
	bool mapped = translate(task, address, false, &phys);
	if (mapped && shared && address < USER_SPACE_END &&
	    pmap_translate(&task->space, address, &phys, &flags) && !(flags & PMAP_WRITE))
		mapped = false; /* maybe a copy-on-write page: make it the task's own */
	if (!mapped && (!fault_in(task, address, false) || !translate(task, address, false, &phys)))
		return false;
	if (shared) {
		/* Every mapping of a frame sees the same frame: its physical address
		 * is the memory's name until frames can move (the VM issue). */
		key->kind = GSYNC_KEY_SHARED;
		key->object = phys & ~(uint64_t)(PAGE_SIZE - 1);
		key->offset = phys & (PAGE_SIZE - 1);
	} else {
		key->kind = GSYNC_KEY_PRIVATE;
		key->object = (uint64_t)(uintptr_t)task;
		key->offset = address;
	}
	return true;
}

/* With interrupts disabled from the translation to the access, the frame
 * cannot be freed meanwhile: pmap_remove frees frames only after every other
 * CPU has answered its TLB shootdown, which this one cannot do until then. */
static void *direct_word(struct task *task, uint64_t address, bool quad, bool write)
{
	uint64_t phys;
	if ((address & (quad ? 7 : 3)) != 0 || !translate(task, address, write, &phys))
		return NULL;
	return phys_to_virt(phys);
}

bool gsync_read_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t *value)
{
	void *word = direct_word(task, address, quad, false);
	if (!word)
		return false;
	if (quad)
		*value = __atomic_load_n((uint64_t *)word, __ATOMIC_SEQ_CST);
	else
		*value = __atomic_load_n((uint32_t *)word, __ATOMIC_SEQ_CST);
	return true;
}

bool gsync_write_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t value)
{
	void *word = direct_word(task, address, quad, true);
	if (!word)
		return false;
	if (quad)
		__atomic_store_n((uint64_t *)word, value, __ATOMIC_SEQ_CST);
	else
		__atomic_store_n((uint32_t *)word, (uint32_t)value, __ATOMIC_SEQ_CST);
	return true;
}

bool gsync_fault_in(struct task *task, uint64_t address, bool write)
{
	if (address >= USER_SPACE_END || !fault_in(task, address, write))
		return false;
	uint64_t phys;
	return translate(task, address, write, &phys);
}
