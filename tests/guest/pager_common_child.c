/* The parent's side of the pager_child protocol (pager_child.h): requests with a
 * send-once reply right, each answered within a time limit. */
#include "pager_child.h"
#include "ipc_common.h"

/* A child's read may wait for a pager: long enough for the kernel's timeout. */
#define PAGER_CHILD_REPLY_TIMEOUT_MS 15000

void pager_child_message_init(struct pager_child_message *message, mach_msg_id_t id,
                              mach_port_t port, mach_msg_type_name_t disposition)
{
	*message = (struct pager_child_message){
	    .header.msgh_size = sizeof(*message),
	    .header.msgh_id = id,
	    .port_type =
	        {
	            .msgt_name = MACH_PORT_VALID(port) ? disposition : MACH_MSG_TYPE_INTEGER_32,
	            .msgt_size = 32,
	            .msgt_number = 1,
	            .msgt_inline = TRUE,
	        },
	    .port = MACH_PORT_VALID(port) ? port : 0,
	    .words_type =
	        {
	            .msgt_name = MACH_MSG_TYPE_INTEGER_64,
	            .msgt_size = 64,
	            .msgt_number = 4,
	            .msgt_inline = TRUE,
	        },
	};
	if (MACH_PORT_VALID(port))
		message->header.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
}

/* One request; words_out[0] is the child's kern_return_t, words_out[1] its value,
 * *port_out a port it sent (if asked). */
static kern_return_t call(struct pager_child *child, mach_msg_id_t id, mach_port_t port,
                          mach_msg_type_name_t disposition, const uint64_t words_in[4],
                          uint64_t *value_out, mach_port_t *port_out)
{
	mach_port_t self = mach_task_self();
	mach_port_t reply = MACH_PORT_NULL;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	union {
		struct pager_child_message message;
		uint8_t bytes[512];
	} buffer;
	pager_child_message_init(&buffer.message, id, port, disposition);
	buffer.message.header.msgh_bits |=
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	buffer.message.header.msgh_remote_port = child->port;
	buffer.message.header.msgh_local_port = reply;
	for (unsigned i = 0; i < 4; i++)
		buffer.message.words[i] = words_in ? words_in[i] : 0;
	kern_return_t result =
	    mach_msg(&buffer.message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	             sizeof(buffer.message), 0, MACH_PORT_NULL, 5000, MACH_PORT_NULL);
	if (result == MACH_MSG_SUCCESS)
		result =
		    mach_msg(&buffer.message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		             sizeof(buffer), reply, PAGER_CHILD_REPLY_TIMEOUT_MS, MACH_PORT_NULL);
	if (result == MACH_MSG_SUCCESS) {
		struct pager_child_message *answer = &buffer.message;
		if (answer->header.msgh_id != id + PAGER_CHILD_REPLY_OFFSET ||
		    answer->header.msgh_size < sizeof(*answer)) {
			/* A send-once notification: the child died without answering. */
			mach_msg_destroy(&answer->header);
			result = KERN_FAILURE;
		} else {
			result = (kern_return_t)answer->words[0];
			if (value_out)
				*value_out = answer->words[1];
			bool has_port = answer->port_type.msgt_name != MACH_MSG_TYPE_INTEGER_32;
			if (port_out)
				*port_out = has_port ? answer->port : MACH_PORT_NULL;
			else if (has_port && MACH_PORT_VALID(answer->port))
				(void)mach_port_deallocate(self, answer->port);
		}
	}
	(void)mach_port_destroy(self, reply);
	return result;
}

bool pager_child_start(struct pager_child *child)
{
	*child = (struct pager_child){0};
	kern_return_t result = ipc_child_start(PAGER_CHILD_MODULE, &child->port, &child->task_id);
	if (result == KERN_SUCCESS)
		result = call(child, PAGER_CHILD_TASK, MACH_PORT_NULL, 0, NULL, NULL, &child->task);
	if (result == KERN_SUCCESS && !MACH_PORT_VALID(child->task))
		result = KERN_FAILURE;
	return check(result == KERN_SUCCESS, "a helper task starts and sends its task port (0x%x)",
	             result);
}

bool pager_child_end(struct pager_child *child, int *status)
{
	mach_port_t self = mach_task_self();
	bool waited = false;
	*status = -1;
	mach_msg_return_t sent = MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(child->port))
		sent = ipc_send_simple(child->port, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0,
		                       IPC_CHILD_EXIT, 0, MACH_SEND_TIMEOUT, 1000);
	/* Told to exit, or already dead (terminated): either way it can be waited for. */
	if (child->task_id && (sent == MACH_MSG_SUCCESS || sent == MACH_SEND_INVALID_DEST))
		waited = wb_task_wait(child->task_id, status) == KERN_SUCCESS;
	if (MACH_PORT_VALID(child->port))
		(void)mach_port_deallocate(self, child->port);
	if (MACH_PORT_VALID(child->task))
		(void)mach_port_deallocate(self, child->task);
	*child = (struct pager_child){0};
	return waited;
}

kern_return_t pager_child_map(struct pager_child *child, mach_port_t object, uint64_t size,
                              uint64_t offset, boolean_t copy, uint64_t *address)
{
	uint64_t words[4] = {size, offset, copy, 0};
	return call(child, PAGER_CHILD_MAP, object, MACH_MSG_TYPE_COPY_SEND, words, address, NULL);
}

kern_return_t pager_child_read(struct pager_child *child, uint64_t address, uint64_t *value)
{
	uint64_t words[4] = {address, 0, 0, 0};
	return call(child, PAGER_CHILD_READ, MACH_PORT_NULL, 0, words, value, NULL);
}

kern_return_t pager_child_write(struct pager_child *child, uint64_t address, uint64_t value)
{
	uint64_t words[4] = {address, value, 0, 0};
	return call(child, PAGER_CHILD_WRITE, MACH_PORT_NULL, 0, words, NULL, NULL);
}

kern_return_t pager_child_unmap(struct pager_child *child, uint64_t address, uint64_t size)
{
	uint64_t words[4] = {address, size, 0, 0};
	return call(child, PAGER_CHILD_UNMAP, MACH_PORT_NULL, 0, words, NULL, NULL);
}

kern_return_t pager_child_serve(struct pager_child *child, mach_port_t notify, uint64_t size,
                                mach_port_t *object)
{
	uint64_t words[4] = {size, 0x5e, 0, 0};
	*object = MACH_PORT_NULL;
	kern_return_t result =
	    call(child, PAGER_CHILD_SERVE, notify, MACH_MSG_TYPE_MAKE_SEND, words, NULL, object);
	if (result == KERN_SUCCESS && !MACH_PORT_VALID(*object))
		result = KERN_FAILURE;
	return result;
}
