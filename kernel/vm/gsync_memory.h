/* What gsync (kern/gsync.c) needs from virtual memory: the key of a user word
 * and access to that word without sleeping. The VM re-implements these four
 * functions; their contracts below are all gsync relies on. */
#ifndef WB_VM_GSYNC_MEMORY_H
#define WB_VM_GSYNC_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

struct task;

enum gsync_key_kind {
	GSYNC_KEY_PRIVATE = 1, /* object: the task; offset: the user address */
	GSYNC_KEY_SHARED = 2,  /* object and offset name the memory itself */
};

/* Two waits and wakes meet when their keys are equal in all three fields. */
struct gsync_key {
	uint64_t object;
	uint64_t offset;
	unsigned kind;
};

/* The key of the word at address in task: private (the task and the address)
 * or, if shared, one on which every task mapping the same memory agrees.
 * False if address is not mapped readable in task. May sleep. */
bool gsync_resolve_key(struct task *task, uint64_t address, bool shared, struct gsync_key *key);

/* Reads the 32-bit (or, with quad, 64-bit) word at address, which is aligned
 * to its size, atomically. Called holding a spinlock with interrupts disabled:
 * never sleeps, never faults; false if the page is not resident and mapped
 * (readable) right now. The memory must not be freed while the caller's
 * interrupts are disabled. */
bool gsync_read_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t *value);

/* As gsync_read_word_nofault, but stores value atomically; false also if the
 * page is not writable right now. */
bool gsync_write_word_nofault(struct task *task, uint64_t address, bool quad, uint64_t value);

/* Makes the page of address resident and mapped (writable if write), so that
 * a retried *_nofault access is likely to succeed. May sleep: never called
 * holding a spinlock. False if address is not valid (for write) in task. */
bool gsync_fault_in(struct task *task, uint64_t address, bool write);

#endif
