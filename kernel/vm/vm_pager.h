/* External memory: objects whose pages a user-space pager supplies through
 * memory_object.defs (kernel to pager) and mach.defs' memory_object_* calls
 * (pager to kernel). See docs/ARCHITECTURE.md, "Memory objects and pagers". */
#ifndef WB_VM_VM_PAGER_H
#define WB_VM_VM_PAGER_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct ipc_port;
struct vm_object;
struct vm_page;

/* Returned by vm_pager_fault: vm_lock was dropped while waiting, so the fault
 * must start again from the map. */
#define VM_FAULT_RETRY 0x7fff0001
/* Returned by a fault that may not sleep (wiring under the lock) when it
 * would have to wait for a pager: the caller faults the page in and retries. */
#define VM_FAULT_WOULD_BLOCK 0x7fff0002

#define VM_PAGER_REQUEST_PAGES_MAX 16 /* pages asked for in one data_request */

/* What a fault keeps across its retries. */
struct vm_fault_wait {
	uint64_t deadline_ms; /* 0 until the first wait */
	unsigned requests;    /* made for this fault, each with a timeout of its own */
};

/* The kernel command line's pager-timeout=MS (default 10 s). */
void vm_pager_system_init(const char *cmdline);
uint64_t vm_pager_timeout_ms(void);

/* Under vm_lock: the object of memory object port pager (a send right the
 * caller keeps), made if new (memory_object_init is sent when the lock is
 * released), with a reference for the caller; its size grows to cover end. */
kern_return_t vm_pager_object(struct ipc_port *pager, uint64_t end, struct vm_object **object_out);
/* Under vm_lock, in a fault: page (at offset of the pager-backed object, or
 * NULL when absent) cannot be used for access yet: absent, being filled,
 * failed, or locked by the pager. Asks the pager (a run of pages, or an
 * unlock), sleeps once without the lock and returns VM_FAULT_RETRY; or fails:
 * KERN_MEMORY_ERROR (data_error), KERN_MEMORY_FAILURE (pager dead, destroyed
 * or past the timeout), KERN_RESOURCE_SHORTAGE, KERN_ABORTED (interrupted). */
kern_return_t vm_pager_fault(struct vm_object *object, uint64_t offset, vm_prot_t access,
                             struct vm_fault_wait *wait);
/* Whether a page of a pager-backed object must go through vm_pager_fault for
 * access (absent pages aside). */
bool vm_pager_page_unusable(const struct vm_page *page, vm_prot_t access);
/* Under vm_lock, from vm_object_release: the object's last reference went.
 * Dirty and precious pages go back (data_return), then memory_object_terminate. */
void vm_pager_object_dying(struct vm_object *object);
/* Under vm_lock: sends the page's data back to its pager (data_return, dirty
 * as the page is; kernel_copy: the kernel keeps the page) and marks it clean.
 * False when memory for the message is out. */
bool vm_pager_return_page(struct vm_object *object, struct vm_page *page, bool kernel_copy);
/* Under vm_lock: whether data_return can still reach the object's pager (not
 * destroyed, its port alive). */
bool vm_pager_can_take_returns(const struct vm_object *object);
/* Under vm_lock: pages resident in pager-backed objects (the evictable kind). */
uint64_t vm_pager_resident_pages(void);
/* Under vm_lock: wakes faults waiting for pagers once the lock is released. */
void vm_pager_note_change(void);
/* Without vm_lock: the wake-up itself. */
void vm_pager_wake_waiters(void);

/* The object behind a control port, referenced; NULL if it is not a live one.
 * Takes vm_lock. vm_pager_object_release drops the reference (takes vm_lock). */
struct vm_object *vm_pager_object_of_control(struct ipc_port *control);
void vm_pager_object_release(struct vm_object *object);

/* The pager's calls (vm_pager_answers.c); each takes vm_lock. Ranges are
 * byte offsets in the object; reply_to (reply_type MACH_MSG_TYPE_PORT_SEND or
 * _SEND_ONCE) is consumed in every case. */
kern_return_t vm_pager_supply(struct vm_object *object, uint64_t offset, const void *data,
                              uint64_t size, vm_prot_t lock_value, bool precious,
                              struct ipc_port *reply_to, unsigned reply_type);
kern_return_t vm_pager_unavailable(struct vm_object *object, uint64_t offset, uint64_t size);
kern_return_t vm_pager_error(struct vm_object *object, uint64_t offset, uint64_t size);
kern_return_t vm_pager_lock_request(struct vm_object *object, uint64_t offset, uint64_t size,
                                    int should_return, bool should_flush, vm_prot_t lock_value,
                                    struct ipc_port *reply_to, unsigned reply_type);
kern_return_t vm_pager_set_attributes(struct vm_object *object, bool may_cache, int copy_strategy,
                                      struct ipc_port *reply_to, unsigned reply_type);
void vm_pager_get_attributes(struct vm_object *object, bool *ready, bool *may_cache,
                             int *copy_strategy);
kern_return_t vm_pager_destroy(struct vm_object *object);
/* Releases a reply right nobody will answer (without vm_lock). */
void vm_pager_drop_reply(struct ipc_port *reply_to, unsigned reply_type);

#endif
