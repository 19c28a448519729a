/* The host tests' side of ipc_host_test.c: fake tasks with a user memory, test
 * threads, the memory counter and the routines of the fake kernel server. */
#ifndef WB_TEST_IPC_HOST_TEST_H
#define WB_TEST_IPC_HOST_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ipc_space;
struct ipc_thread;

#define TEST_TASK_MEMORY (1u << 20)

struct test_task {
	struct ipc_space *space;
	uint8_t *memory; /* TEST_TASK_MEMORY bytes seen by the task at base */
	uint64_t base;
	size_t ool_next; /* bump allocator for OOL copyouts in the upper half */
	size_t ool_bytes_held;
	size_t deallocated_bytes;
};

void test_task_register(struct test_task *task);
void test_task_unregister(struct test_task *task);
void test_thread_enter(struct ipc_thread *ipc);
/* The thread is done with ipc: its slot is free for another. */
void test_thread_leave(struct ipc_thread *ipc);
void test_thread_interrupt(struct ipc_thread *ipc);
/* Runs hook(argument) once, in ipc's thread, when its next sleep in
 * ipc_host_sleep ends, with no IPC lock held: what another thread could do
 * between a sender's hand-off and the woken thread's own work. */
void test_thread_after_wake(struct ipc_thread *ipc, void (*hook)(void *), void *argument);

extern size_t host_memory_in_use;
extern size_t host_memory_limit;
extern int test_server_calls;
/* Out-of-line data from this size on travels as a (fake) virtual copy; copies alive. */
#define TEST_VM_COPY_THRESHOLD 8192
extern int test_vm_copies_live;

/* Message ids of the fake kernel server. */
#define TEST_SERVER_ADD_ONE    4000 /* replies value + 1 */
#define TEST_SERVER_FAIL       4001 /* replies KERN_INVALID_ARGUMENT */
#define TEST_SERVER_KEEP_RIGHT 4002 /* takes the send right the request carries */

#endif
