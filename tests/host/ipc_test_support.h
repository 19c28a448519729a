/* What the kernel/ipc host tests share: message layouts, fake tasks with a
 * space and a user memory, and mach_msg as a task would call it. */
#ifndef WB_TEST_IPC_TEST_SUPPORT_H
#define WB_TEST_IPC_TEST_SUPPORT_H

#include "ipc_host_test.h"
#include "ipc/ipc_kernel.h"
#include <mach/message.h>
#include <mach/port.h>

#pragma pack(push, 4)
struct int_message {
	mach_msg_header_t header;
	mach_msg_type_t type;
	int32_t value;
};
struct port_message {
	mach_msg_header_t header;
	mach_msg_type_t type;
	mach_port_name_t name;
};
struct ool_message {
	mach_msg_header_t header;
	mach_msg_type_long_t type;
	uint64_t address;
};
struct name_notification {
	mach_msg_header_t header;
	mach_msg_type_t type;
	mach_port_name_t name;
};
struct reply_message {
	mach_msg_header_t header;
	mach_msg_type_t return_code_type;
	kern_return_t return_code;
	mach_msg_type_t value_type;
	int32_t value;
};
#pragma pack(pop)

extern const mach_msg_type_t int_type;

/* A task with a new space and TEST_TASK_MEMORY bytes of user memory. */
struct test_task *task_new(void);
void task_free(struct test_task *task);
/* A new receive right in task (MACH_PORT_NULL on failure). */
mach_port_name_t new_port(struct test_task *task);
/* The name's type without MACH_PORT_TYPE_DNREQUEST; 0xdead for an invalid name. */
mach_port_type_t type_of(struct test_task *task, mach_port_name_t name);
mach_port_urefs_t refs_of(struct test_task *task, mach_port_name_t name, mach_port_right_t right);
/* mach_msg as the task would call it, with the message at the start of its memory. */
mach_msg_return_t task_msg(struct test_task *task, const void *message, mach_msg_size_t send_size,
                           mach_msg_option_t option, mach_msg_size_t receive_size,
                           mach_port_name_t receive_name, mach_msg_timeout_t timeout);
/* A simple message with one integer, sent with a zero timeout. */
mach_msg_return_t send_int(struct test_task *task, mach_port_name_t destination,
                           mach_msg_type_name_t destination_type, mach_port_name_t reply,
                           mach_msg_type_name_t reply_type, mach_msg_id_t id, int32_t value);
/* A complex message (id 7) carrying name with disposition. */
mach_msg_return_t send_right(struct test_task *task, mach_port_name_t destination,
                             mach_port_name_t name, mach_msg_type_name_t disposition);
/* A receive of at most size bytes with MACH_RCV_TIMEOUT, into the task's memory. */
mach_msg_return_t receive(struct test_task *task, mach_port_name_t name, mach_msg_size_t size,
                          mach_msg_option_t extra, mach_msg_timeout_t timeout);
/* The message the last task_msg or receive left at the start of the task's memory. */
const mach_msg_header_t *received(struct test_task *task);
/* A kernel-held send-once right to the port task names name. */
struct ipc_port *kernel_send_once(struct test_task *task, mach_port_name_t name);
struct ipc_statistics stats_now(void);

#endif
