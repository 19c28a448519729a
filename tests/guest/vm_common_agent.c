/* The agent: our own code run by a thread of a child task, making memory accesses
 * there on request through the probes; traps only, no libmach state. */
#include "vm_common.h"

static void perform(const struct vm_agent_request *request, uint64_t *result, uint64_t *value)
{
	*result = VM_CHILD_DONE;
	*value = 0;
	uint64_t pages = request->size / VM_PAGE;
	switch (request->operation) {
	case VM_AGENT_PING:
		*value = VM_AGENT_ALIVE;
		break;
	case VM_AGENT_READ:
		if (!vm_probe_read(request->address, value))
			*result = VM_CHILD_FAULTED;
		break;
	case VM_AGENT_WRITE:
		if (!vm_probe_write(request->address, request->value))
			*result = VM_CHILD_FAULTED;
		break;
	case VM_AGENT_FILL:
		for (uint64_t i = 0; i < pages; i++) {
			if (!vm_probe_write(request->address + i * VM_PAGE, request->value + i)) {
				*result = VM_CHILD_FAULTED;
				*value = i;
				break;
			}
		}
		break;
	case VM_AGENT_COUNT:
		for (uint64_t i = 0; i < pages; i++) {
			uint64_t word = 0;
			if (!vm_probe_read(request->address + i * VM_PAGE, &word)) {
				*result = VM_CHILD_FAULTED;
				break;
			}
			if (word == request->value + i)
				++*value;
		}
		break;
	case VM_AGENT_CRASH:
		*(volatile uint64_t *)(uintptr_t)request->address = request->value;
		break;
	default:
		*result = VM_CHILD_NO_ANSWER;
	}
}

_Noreturn void vm_agent_main(uint64_t request_port)
{
	union {
		struct vm_agent_request request;
		struct vm_agent_reply reply;
		uint8_t bytes[512];
	} buffer;
	for (;;) {
		mach_msg_return_t received =
		    mach_msg_trap(&buffer.request.header, MACH_RCV_MSG, 0, sizeof(buffer),
		                  (mach_port_t)request_port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (received == MACH_RCV_INTERRUPTED || received == MACH_RCV_TOO_LARGE)
			continue;
		if (received != MACH_MSG_SUCCESS)
			wb_thread_exit();
		mach_port_t reply_port = buffer.request.header.msgh_remote_port;
		if (buffer.request.header.msgh_id != VM_AGENT_REQUEST_ID ||
		    MACH_MSGH_BITS_REMOTE(buffer.request.header.msgh_bits) !=
		        MACH_MSG_TYPE_PORT_SEND_ONCE)
			continue;
		uint64_t sequence = buffer.request.sequence, result, value;
		perform(&buffer.request, &result, &value);
		buffer.reply = (struct vm_agent_reply){
		    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
		    .header.msgh_size = sizeof(struct vm_agent_reply),
		    .header.msgh_remote_port = reply_port,
		    .header.msgh_id = VM_AGENT_REPLY_ID,
		    .words_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_64,
		                   .msgt_size = 64,
		                   .msgt_number = 3,
		                   .msgt_inline = TRUE},
		    .sequence = sequence,
		    .result = result,
		    .value = value,
		};
		(void)mach_msg_trap(&buffer.reply.header, MACH_SEND_MSG, sizeof(buffer.reply), 0,
		                    MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	}
}
