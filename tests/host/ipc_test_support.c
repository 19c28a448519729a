/* The helpers of ipc_test_support.h: fake tasks and mach_msg calls for the
 * kernel/ipc host tests. */
#include "ipc_test_support.h"
#include "ipc/ipc_internal.h"
#include "ipc/ipc_mach_port.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const mach_msg_type_t int_type = {MACH_MSG_TYPE_INTEGER_32, 32, 1, 1, 0, 0, 0};

static int task_count;

struct test_task *task_new(void)
{
	struct test_task *task = calloc(1, sizeof(*task));
	if (!task || !(task->memory = calloc(1, TEST_TASK_MEMORY)) ||
	    !(task->space = ipc_space_create())) {
		fprintf(stderr, "task_new: out of memory\n");
		abort();
	}
	task->base = 0x10000000ull * (uint64_t)(++task_count);
	test_task_register(task);
	return task;
}

void task_free(struct test_task *task)
{
	ipc_space_destroy(task->space);
	test_task_unregister(task);
	free(task->memory);
	free(task);
}

mach_port_name_t new_port(struct test_task *task)
{
	mach_port_name_t name = MACH_PORT_NULL;
	ipc_mach_port_allocate(task->space, MACH_PORT_RIGHT_RECEIVE, &name);
	return name;
}

mach_port_type_t type_of(struct test_task *task, mach_port_name_t name)
{
	mach_port_type_t type = 0;
	if (ipc_mach_port_type(task->space, name, &type) != KERN_SUCCESS)
		return 0xdead;
	return type & ~MACH_PORT_TYPE_DNREQUEST;
}

mach_port_urefs_t refs_of(struct test_task *task, mach_port_name_t name, mach_port_right_t right)
{
	mach_port_urefs_t refs = 0;
	ipc_mach_port_get_refs(task->space, name, right, &refs);
	return refs;
}

mach_msg_return_t task_msg(struct test_task *task, const void *message, mach_msg_size_t send_size,
                           mach_msg_option_t option, mach_msg_size_t receive_size,
                           mach_port_name_t receive_name, mach_msg_timeout_t timeout)
{
	if (message && send_size <= TEST_TASK_MEMORY / 2)
		memcpy(task->memory, message, send_size);
	return ipc_mach_msg_trap(task->space, task->base, option, send_size, receive_size,
	                         receive_name, timeout, MACH_PORT_NULL);
}

mach_msg_return_t send_int(struct test_task *task, mach_port_name_t destination,
                           mach_msg_type_name_t destination_type, mach_port_name_t reply,
                           mach_msg_type_name_t reply_type, mach_msg_id_t id, int32_t value)
{
	struct int_message message = {
	    .header = {.msgh_bits = MACH_MSGH_BITS(destination_type, reply_type),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = destination,
	               .msgh_local_port = reply,
	               .msgh_id = id},
	    .type = int_type,
	    .value = value,
	};
	return task_msg(task, &message, sizeof(message), MACH_SEND_MSG | MACH_SEND_TIMEOUT, 0, 0,
	                0);
}

mach_msg_return_t send_right(struct test_task *task, mach_port_name_t destination,
                             mach_port_name_t name, mach_msg_type_name_t disposition)
{
	struct port_message message = {
	    .header = {.msgh_bits = MACH_MSGH_BITS_COMPLEX |
	                            MACH_MSGH_BITS(type_of(task, destination) & MACH_PORT_TYPE_SEND
	                                               ? MACH_MSG_TYPE_COPY_SEND
	                                               : MACH_MSG_TYPE_MAKE_SEND,
	                                           0),
	               .msgh_size = sizeof(message),
	               .msgh_remote_port = destination,
	               .msgh_id = 7},
	    .type = {disposition, 32, 1, 1, 0, 0, 0},
	    .name = name,
	};
	return task_msg(task, &message, sizeof(message), MACH_SEND_MSG | MACH_SEND_TIMEOUT, 0, 0,
	                0);
}

mach_msg_return_t receive(struct test_task *task, mach_port_name_t name, mach_msg_size_t size,
                          mach_msg_option_t extra, mach_msg_timeout_t timeout)
{
	return task_msg(task, NULL, 0, MACH_RCV_MSG | MACH_RCV_TIMEOUT | extra, size, name,
	                timeout);
}

const mach_msg_header_t *received(struct test_task *task)
{
	return (const mach_msg_header_t *)task->memory;
}

struct ipc_port *kernel_send_once(struct test_task *task, mach_port_name_t name)
{
	struct ipc_port *port = NULL;
	ipc_space_lookup_port(task->space, name, &port);
	return ipc_port_make_send_once(port);
}

struct ipc_statistics stats_now(void)
{
	struct ipc_statistics stats;
	ipc_statistics_read(&stats);
	return stats;
}
