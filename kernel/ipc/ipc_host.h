/* What the portable IPC code needs from the system it runs in: memory, sleeping
 * and waking threads, access to a task's memory, and the kernel's RPC servers.
 * The kernel implements it in kern/ipc_host_kernel.c, the host tests in tests/host. */
#ifndef WB_IPC_IPC_HOST_H
#define WB_IPC_IPC_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include "kern/spinlock.h"

struct ipc_space;
struct ipc_thread;

/* Kernel memory for IPC objects and message buffers: zeroed, accounted against
 * a limit, NULL when the limit or memory is reached. Freed with the same size. */
void *ipc_host_alloc(size_t size);
void ipc_host_free(void *address, size_t size);

/* The calling thread's IPC state. */
struct ipc_thread *ipc_host_current_thread(void);

enum ipc_wait_result {
	IPC_WAIT_WOKEN,       /* ipc_host_wakeup, or spuriously */
	IPC_WAIT_TIMED_OUT,   /* the timeout passed */
	IPC_WAIT_INTERRUPTED, /* thread_abort, termination of the thread or its task */
};
#define IPC_WAIT_FOREVER UINT64_MAX

/* Called with the IPC locks held (and interrupts disabled by the caller, who
 * keeps the state) after self has been put where a waker will find it. Once a
 * waker can no longer miss it, calls release (which drops the IPC locks, leaving
 * interrupts off), sleeps until ipc_host_wakeup(self), timeout_ms passes or the
 * thread is interrupted, and returns with the locks released and interrupts
 * still disabled. The IPC code decides what happened under its own lock; the
 * result is only a hint. */
enum ipc_wait_result ipc_host_sleep(struct ipc_thread *self, void (*release)(void),
                                    uint64_t timeout_ms);
/* The CPU the caller runs on (any small number on the host): picks a fast-path gate. */
unsigned ipc_host_cpu(void);
void ipc_host_wakeup(struct ipc_thread *thread);
/* A hint, right after ipc_host_wakeup(thread) on the fast path: run thread next
 * on this CPU. Called with the fast path's locks held (interrupts off), so
 * thread cannot finish its receive, nor end, before it returns. */
void ipc_host_handoff(struct ipc_thread *thread);

/* The memory of the task that owns space (never the kernel space: for it the
 * IPC code uses kernel pointers directly). False when the range is not mapped
 * with the needed access. */
bool ipc_host_copyin(struct ipc_space *space, void *kernel_destination, uint64_t user_source, size_t size);
bool ipc_host_copyout(struct ipc_space *space, uint64_t user_destination, const void *kernel_source,
	size_t size);
/* Out-of-line memory: new memory in space's task holding size bytes from data,
 * its address in *address; and releasing a range the sender gave away. */
kern_return_t ipc_host_vm_copyout(struct ipc_space *space, const void *data, size_t size, uint64_t *address);
kern_return_t ipc_host_vm_deallocate(struct ipc_space *space, uint64_t address, size_t size);

/* Out-of-line data of at least ipc_host_vm_copy_threshold() bytes travels as a
 * virtual copy of the sender's memory instead of a kernel buffer (SIZE_MAX:
 * never). Such a copy is the host's object; the IPC code only carries it. */
struct ipc_vm_copy;
size_t ipc_host_vm_copy_threshold(void);
/* A copy of size (> 0) bytes at address in space's task, which must all be
 * readable (else KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE; or
 * KERN_RESOURCE_SHORTAGE). With move the sender's range is deallocated
 * (ipc_host_vm_deallocate) once the message is sent, so it need not be kept
 * apart from the copy. */
kern_return_t ipc_host_vm_copyin(struct ipc_space *space, uint64_t address, size_t size, bool move,
                                 struct ipc_vm_copy **copy);
/* Puts copy into space's task anywhere, consuming it; its address in *address.
 * On failure copy is untouched. */
kern_return_t ipc_host_vm_copyout_copy(struct ipc_space *space, struct ipc_vm_copy *copy,
                                       uint64_t *address);
/* The size bytes of copy's data into buffer, for a kernel receiver. */
void ipc_host_vm_copy_read(struct ipc_vm_copy *copy, void *buffer, size_t size);
/* Releases copy (not under the IPC locks: see ipc_host_vm_copy_defer). */
void ipc_host_vm_copy_discard(struct ipc_vm_copy *copy);
/* Under the IPC locks: chains copy onto *list for ipc_host_vm_copy_discard_list. */
void ipc_host_vm_copy_defer(struct ipc_vm_copy **list, struct ipc_vm_copy *copy);
void ipc_host_vm_copy_discard_list(struct ipc_vm_copy *list);

/* The kernel's RPC servers (the MIG demux routines), run on a request sent to a
 * kernel object's port. Both messages are in kernel format (port rights as
 * struct ipc_port pointers). Returns false when no server knows request's id
 * (the IPC code then replies MIG_BAD_ID). reply_size is the reply buffer's size,
 * at least IPC_KERNEL_REPLY_MAX (the largest reply of the kernel's interfaces:
 * host_get_boot_info's 4 KiB string, with room to spare). */
#define IPC_KERNEL_REPLY_MAX 8192
bool ipc_host_kernel_server(mach_msg_header_t *request, mach_msg_header_t *reply, size_t reply_size);

#endif
