/* ipc_host.h on Linux for the IPC host tests: counted heap memory with an
 * optional limit, pthread sleeping, a fake user memory per task, and a fake
 * kernel server answering a few routines. Test-side helpers are declared in
 * ipc_host_test.h. */
#include "ipc_host_test.h"
#include "ipc/ipc_internal.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach/mig_errors.h>

size_t host_memory_in_use;
size_t host_memory_limit; /* 0: none */
static pthread_mutex_t host_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t host_cond = PTHREAD_COND_INITIALIZER;

void *ipc_host_alloc(size_t size)
{
	pthread_mutex_lock(&host_mutex);
	bool refused = host_memory_limit && host_memory_in_use + size > host_memory_limit;
	if (!refused)
		host_memory_in_use += size;
	pthread_mutex_unlock(&host_mutex);
	return refused ? NULL : calloc(1, size);
}

void ipc_host_free(void *address, size_t size)
{
	pthread_mutex_lock(&host_mutex);
	host_memory_in_use -= size;
	pthread_mutex_unlock(&host_mutex);
	free(address);
}

/* --- threads --- */

#define MAX_THREADS 16
struct host_thread {
	struct ipc_thread *ipc;
	bool pending;
	bool interrupted;
	void (*after_wake)(void *); /* run once when the next sleep ends */
	void *after_wake_argument;
};
static struct host_thread host_threads[MAX_THREADS];
static __thread struct ipc_thread *current_ipc_thread;

static struct host_thread *host_thread_of(struct ipc_thread *ipc)
{
	for (int i = 0; i < MAX_THREADS; i++)
		if (host_threads[i].ipc == ipc)
			return &host_threads[i];
	return NULL;
}

/* ipc's slot, taken if it has none (host_mutex held). */
static struct host_thread *host_thread_slot(struct ipc_thread *ipc)
{
	struct host_thread *slot = host_thread_of(ipc);
	if (!slot)
		slot = host_thread_of(NULL);
	if (!slot) {
		fprintf(stderr, "ipc_host_test: more than %d threads\n", MAX_THREADS);
		abort();
	}
	slot->ipc = ipc;
	return slot;
}

void test_thread_enter(struct ipc_thread *ipc)
{
	pthread_mutex_lock(&host_mutex);
	struct host_thread *slot = host_thread_slot(ipc);
	slot->pending = slot->interrupted = false;
	pthread_mutex_unlock(&host_mutex);
	current_ipc_thread = ipc;
}

void test_thread_leave(struct ipc_thread *ipc)
{
	pthread_mutex_lock(&host_mutex);
	struct host_thread *slot = host_thread_of(ipc);
	if (slot)
		*slot = (struct host_thread){0};
	pthread_mutex_unlock(&host_mutex);
	if (current_ipc_thread == ipc)
		current_ipc_thread = NULL;
}

void test_thread_after_wake(struct ipc_thread *ipc, void (*hook)(void *), void *argument)
{
	pthread_mutex_lock(&host_mutex);
	struct host_thread *slot = host_thread_slot(ipc);
	slot->after_wake = hook;
	slot->after_wake_argument = argument;
	pthread_mutex_unlock(&host_mutex);
}

void test_thread_interrupt(struct ipc_thread *ipc)
{
	pthread_mutex_lock(&host_mutex);
	struct host_thread *slot = host_thread_of(ipc);
	if (slot)
		slot->interrupted = true;
	pthread_cond_broadcast(&host_cond);
	pthread_mutex_unlock(&host_mutex);
}

struct ipc_thread *ipc_host_current_thread(void)
{
	return current_ipc_thread;
}

enum ipc_wait_result ipc_host_sleep(struct ipc_thread *self, void (*release)(void),
                                    uint64_t timeout_ms)
{
	pthread_mutex_lock(&host_mutex);
	release();
	struct host_thread *slot = host_thread_of(self);
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	if (timeout_ms != IPC_WAIT_FOREVER) {
		deadline.tv_sec += (time_t)(timeout_ms / 1000);
		deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
	}
	enum ipc_wait_result result = IPC_WAIT_WOKEN;
	while (!slot->pending && !slot->interrupted) {
		if (timeout_ms == IPC_WAIT_FOREVER) {
			pthread_cond_wait(&host_cond, &host_mutex);
		} else if (pthread_cond_timedwait(&host_cond, &host_mutex, &deadline) ==
		           ETIMEDOUT) {
			result = IPC_WAIT_TIMED_OUT;
			break;
		}
	}
	if (slot->interrupted) {
		slot->interrupted = false;
		result = IPC_WAIT_INTERRUPTED;
	}
	slot->pending = false;
	void (*hook)(void *) = slot->after_wake;
	void *argument = slot->after_wake_argument;
	slot->after_wake = NULL;
	pthread_mutex_unlock(&host_mutex);
	if (hook)
		hook(argument); /* no IPC lock held: as if another thread ran just now */
	return result;
}

/* Threads spread over the gates by the order they first ask. */
unsigned ipc_host_cpu(void)
{
	static unsigned next;
	static _Thread_local unsigned cpu, assigned;
	if (!assigned) {
		cpu = __atomic_fetch_add(&next, 1, __ATOMIC_RELAXED);
		assigned = 1;
	}
	return cpu;
}

void ipc_host_wakeup(struct ipc_thread *thread)
{
	pthread_mutex_lock(&host_mutex);
	struct host_thread *slot = host_thread_of(thread);
	if (slot)
		slot->pending = true;
	pthread_cond_broadcast(&host_cond);
	pthread_mutex_unlock(&host_mutex);
}

void ipc_host_handoff(struct ipc_thread *thread)
{
	(void)thread;
}

/* --- fake user memory: messages in the low half, OOL copyouts in the high half --- */

#define MAX_TASKS 8
static struct test_task *tasks[MAX_TASKS];

void test_task_register(struct test_task *task)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (!tasks[i]) {
			tasks[i] = task;
			return;
		}
}

void test_task_unregister(struct test_task *task)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i] == task)
			tasks[i] = NULL;
}

static struct test_task *task_of(struct ipc_space *space)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i] && tasks[i]->space == space)
			return tasks[i];
	return NULL;
}

static uint8_t *user_range(struct ipc_space *space, uint64_t address, size_t size)
{
	struct test_task *task = task_of(space);
	if (!task || address < task->base || size > TEST_TASK_MEMORY ||
	    address - task->base > TEST_TASK_MEMORY - size)
		return NULL;
	return task->memory + (address - task->base);
}

bool ipc_host_copyin(struct ipc_space *space, void *kernel_destination, uint64_t user_source,
                     size_t size)
{
	uint8_t *source = user_range(space, user_source, size);
	if (!source)
		return false;
	memcpy(kernel_destination, source, size);
	return true;
}

bool ipc_host_copyout(struct ipc_space *space, uint64_t user_destination, const void *kernel_source,
                      size_t size)
{
	uint8_t *destination = user_range(space, user_destination, size);
	if (!destination)
		return false;
	memcpy(destination, kernel_source, size);
	return true;
}

kern_return_t ipc_host_vm_copyout(struct ipc_space *space, const void *data, size_t size,
                                  uint64_t *address)
{
	struct test_task *task = task_of(space);
	if (!task)
		return KERN_INVALID_TASK;
	size_t rounded = (size + 15) & ~(size_t)15;
	if (rounded > TEST_TASK_MEMORY / 2)
		return KERN_NO_SPACE;
	if (task->ool_next + rounded > TEST_TASK_MEMORY / 2)
		task->ool_next = 0; /* the fake memory is reused round-robin */
	*address = task->base + TEST_TASK_MEMORY / 2 + task->ool_next;
	memcpy(task->memory + TEST_TASK_MEMORY / 2 + task->ool_next, data, size);
	task->ool_next += rounded;
	task->ool_bytes_held += size;
	return KERN_SUCCESS;
}

kern_return_t ipc_host_vm_deallocate(struct ipc_space *space, uint64_t address, size_t size)
{
	struct test_task *task = task_of(space);
	if (!task || !user_range(space, address, size))
		return KERN_INVALID_ADDRESS;
	task->deallocated_bytes += size;
	if (address >= task->base + TEST_TASK_MEMORY / 2)
		task->ool_bytes_held -= size;
	return KERN_SUCCESS;
}

/* Virtual copies: the host has no VM, so a copy is the bytes themselves, made
 * from TEST_VM_COPY_THRESHOLD bytes on and counted in test_vm_copies_live. */
struct ipc_vm_copy {
	struct ipc_vm_copy *next;
	size_t size;
	uint8_t data[];
};
int test_vm_copies_live;

size_t ipc_host_vm_copy_threshold(void)
{
	return TEST_VM_COPY_THRESHOLD;
}

kern_return_t ipc_host_vm_copyin(struct ipc_space *space, uint64_t address, size_t size, bool move,
                                 struct ipc_vm_copy **copy)
{
	(void)move;
	uint8_t *source = user_range(space, address, size);
	if (!source)
		return KERN_INVALID_ADDRESS;
	struct ipc_vm_copy *made = malloc(sizeof(*made) + size);
	if (!made)
		return KERN_RESOURCE_SHORTAGE;
	made->next = NULL;
	made->size = size;
	memcpy(made->data, source, size);
	test_vm_copies_live++;
	*copy = made;
	return KERN_SUCCESS;
}

void ipc_host_vm_copy_discard(struct ipc_vm_copy *copy)
{
	test_vm_copies_live--;
	free(copy);
}

kern_return_t ipc_host_vm_copyout_copy(struct ipc_space *space, struct ipc_vm_copy *copy,
                                       uint64_t *address)
{
	kern_return_t result = ipc_host_vm_copyout(space, copy->data, copy->size, address);
	if (result == KERN_SUCCESS)
		ipc_host_vm_copy_discard(copy);
	return result;
}

void ipc_host_vm_copy_read(struct ipc_vm_copy *copy, void *buffer, size_t size)
{
	memcpy(buffer, copy->data, size < copy->size ? size : copy->size);
}

void ipc_host_vm_copy_defer(struct ipc_vm_copy **list, struct ipc_vm_copy *copy)
{
	copy->next = *list;
	*list = copy;
}

void ipc_host_vm_copy_discard_list(struct ipc_vm_copy *list)
{
	while (list) {
		struct ipc_vm_copy *next = list->next;
		ipc_host_vm_copy_discard(list);
		list = next;
	}
}

/* --- the fake kernel server --- */

struct test_request {
	struct ipc_kernel_header header;
	mach_msg_type_t value_type;
	int32_t value;
	mach_msg_type_t port_type;
	struct ipc_port *port;
} __attribute__((packed, aligned(4)));

struct test_reply {
	struct ipc_kernel_header header;
	mach_msg_type_t return_code_type;
	kern_return_t return_code;
	mach_msg_type_t value_type;
	int32_t value;
};

int test_server_calls;

static uint32_t type_word(mach_msg_type_t type)
{
	uint32_t word;
	memcpy(&word, &type, sizeof(word));
	return word;
}

bool ipc_host_kernel_server(mach_msg_header_t *request_header, mach_msg_header_t *reply_header,
                            size_t reply_size)
{
	struct test_request *request = (struct test_request *)request_header;
	struct test_reply *reply = (struct test_reply *)reply_header;
	if (reply_size < sizeof(*reply))
		return false;
	mach_msg_id_t id = request->header.id;
	if (id < TEST_SERVER_ADD_ONE || id > TEST_SERVER_KEEP_RIGHT)
		return false;
	test_server_calls++;
	const mach_msg_type_t int_type = {MACH_MSG_TYPE_INTEGER_32, 32, 1, 1, 0, 0, 0};
	reply->header.bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(request->header.bits), 0);
	reply->header.size = offsetof(struct test_reply, value_type);
	reply->header.remote = request->header.local;
	reply->header.local = NULL;
	reply->header.id = id + 100;
	reply->return_code_type = int_type;
	reply->return_code = KERN_SUCCESS;
	if (id == TEST_SERVER_FAIL) {
		reply->return_code = KERN_INVALID_ARGUMENT;
		return true;
	}
	/* Like MIG's type checks: a request of any other shape is refused. */
	bool complex = request->header.bits & MACH_MSGH_BITS_COMPLEX;
	bool shape_ok = request->header.size >= offsetof(struct test_request, port_type) &&
	                type_word(request->value_type) == type_word(int_type);
	if (id == TEST_SERVER_KEEP_RIGHT) {
		const mach_msg_type_t port_type = {MACH_MSG_TYPE_PORT_SEND, 64, 1, 1, 0, 0, 0};
		shape_ok = shape_ok && complex && request->header.size == sizeof(*request) &&
		           type_word(request->port_type) == type_word(port_type);
	} else if (id == TEST_SERVER_ADD_ONE) {
		shape_ok = shape_ok && !complex &&
		           request->header.size == offsetof(struct test_request, port_type);
	}
	if (!shape_ok) {
		reply->return_code = MIG_BAD_ARGUMENTS;
		return true;
	}
	switch (id) {
	case TEST_SERVER_ADD_ONE:
		reply->header.size = sizeof(*reply);
		reply->value_type = int_type;
		reply->value = request->value + 1;
		break;
	case TEST_SERVER_FAIL:
		reply->return_code = KERN_INVALID_ARGUMENT;
		break;
	default: /* TEST_SERVER_KEEP_RIGHT: the routine owns the right and drops it */
		ipc_port_release_send(request->port);
		break;
	}
	return true;
}
