/* Virtual copies of address ranges in flight (out-of-line message data, vm_read):
 * copy-on-write views of a task's entries, inserted later into another map. */
#ifndef WB_VM_VM_MAP_COPY_H
#define WB_VM_VM_MAP_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "vm_map.h" /* beside this file: kserver has a shim of that name */

/* The entries of a copy sit in their own ring at addresses from 0 (a map with
 * no pmap); the data starts `offset` bytes into the first page. */
struct vm_map_copy {
	struct vm_map_copy *next; /* free for the holder's lists (IPC's deferred discards) */
	struct vm_map entries;
	uint64_t offset; /* of the data in the first page */
	uint64_t size;   /* bytes of data */
};

void vm_map_copy_system_init(void);

/* None may be called holding a spinlock (they take vm_lock). */

/* A copy of [address, address + size) of map, which must all be mapped
 * readable: KERN_INVALID_ADDRESS for a hole (or size 0 or a range that wraps),
 * KERN_PROTECTION_FAILURE for unreadable memory, KERN_RESOURCE_SHORTAGE.
 * Without move the range becomes copy-on-write in map; with move the caller
 * removes the range from map once the copy is safely on its way. */
kern_return_t vm_map_copyin(struct vm_map *map, uint64_t address, uint64_t size, bool move,
                            struct vm_map_copy **copy);
/* Inserts copy anywhere in map (read/write, copy-on-write) and consumes it;
 * the data's address in *address. On failure (KERN_NO_SPACE) copy is intact. */
kern_return_t vm_map_copyout(struct vm_map *map, struct vm_map_copy *copy, uint64_t *address);
/* Copies the copy's size bytes of data into buffer (pages nobody wrote read as zero). */
void vm_map_copy_read(struct vm_map_copy *copy, void *buffer);
/* Releases copy and what it references. */
void vm_map_copy_discard(struct vm_map_copy *copy);

#endif
