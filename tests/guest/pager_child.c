/* The pager tests' helper task (protocol in pager_child.h): maps memory objects
 * it is sent and reads or writes them on request, or serves an object of its own
 * whose requests it announces to the parent and never answers. */
#include "pager_child.h"
#include "ipc_common.h"

static mach_port_t announce_port = MACH_PORT_NULL;
static struct pager silent_pager;

/* The silent pager's policy: tell the parent, answer nothing. */
static void announce_request(struct pager *pager, uint64_t offset, uint64_t length,
                             vm_prot_t access)
{
	(void)pager;
	(void)length;
	(void)access;
	(void)ipc_send_simple(announce_port, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0,
	                      PAGER_CHILD_REQUEST_SEEN, (uint32_t)(offset / PAGER_PAGE_SIZE),
	                      MACH_SEND_TIMEOUT, 1000);
}

/* Carries out one request; sets the reply's words and port. */
static void serve_request(struct pager_child_message *request, struct pager_child_message *reply)
{
	mach_port_t self = mach_task_self();
	uint64_t *words = request->words;
	bool has_port = request->port_type.msgt_name != MACH_MSG_TYPE_INTEGER_32 &&
	                MACH_PORT_VALID(request->port);
	mach_port_t port = has_port ? request->port : MACH_PORT_NULL;
	kern_return_t result = KERN_SUCCESS;
	switch (request->header.msgh_id) {
	case PAGER_CHILD_MAP: {
		vm_address_t address = 0;
		result =
		    vm_map(self, &address, words[0], 0, TRUE, port, words[1], (boolean_t)words[2],
		           VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_NONE);
		reply->words[1] = address;
		break;
	}
	case PAGER_CHILD_READ:
		reply->words[1] = *(volatile uint64_t *)words[0];
		break;
	case PAGER_CHILD_WRITE:
		*(volatile uint64_t *)words[0] = words[1];
		break;
	case PAGER_CHILD_UNMAP:
		result = vm_deallocate(self, words[0], words[1]);
		break;
	case PAGER_CHILD_TASK:
		pager_child_message_init(reply, reply->header.msgh_id, self,
		                         MACH_MSG_TYPE_COPY_SEND);
		break;
	case PAGER_CHILD_SERVE:
		if (MACH_PORT_VALID(announce_port) || !has_port) {
			result = KERN_INVALID_ARGUMENT;
			break;
		}
		announce_port = port;
		port = MACH_PORT_NULL; /* kept */
		if (!pager_open(&silent_pager, words[0], words[1], false)) {
			result = KERN_RESOURCE_SHORTAGE;
			break;
		}
		silent_pager.answer_request = announce_request;
		pager_child_message_init(reply, reply->header.msgh_id, silent_pager.object,
		                         MACH_MSG_TYPE_COPY_SEND);
		break;
	default:
		result = MIG_BAD_ID;
		break;
	}
	reply->words[0] = (uint64_t)result;
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(self, port);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mach_port_t self = mach_task_self();
	mach_port_t bootstrap = MACH_PORT_NULL;
	mach_port_t port = MACH_PORT_NULL;
	if (task_get_special_port(self, TASK_BOOTSTRAP_PORT, &bootstrap) != KERN_SUCCESS ||
	    !MACH_PORT_VALID(bootstrap) ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS ||
	    ipc_send_simple(bootstrap, MACH_MSG_TYPE_COPY_SEND, port, MACH_MSG_TYPE_MAKE_SEND,
	                    IPC_CHILD_HELLO, 0, MACH_SEND_TIMEOUT, 5000) != MACH_MSG_SUCCESS) {
		print("pager_child: cannot reach the parent\n");
		return 2;
	}
	(void)mach_port_deallocate(self, bootstrap);

	for (;;) {
		union {
			struct pager_child_message message;
			uint8_t bytes[512];
		} request;
		mach_msg_return_t received = mach_msg(&request.message.header, MACH_RCV_MSG, 0,
		                                      sizeof(request), port, 0, MACH_PORT_NULL);
		if (received == MACH_RCV_TOO_LARGE)
			continue;
		if (received != MACH_MSG_SUCCESS) {
			print("pager_child: receive failed 0x%x\n", received);
			return 3;
		}
		mach_msg_header_t *header = &request.message.header;
		mach_msg_id_t id = header->msgh_id;
		mach_port_t reply_port = header->msgh_remote_port;
		mach_msg_type_name_t reply_type = MACH_MSGH_BITS_REMOTE(header->msgh_bits);
		if (id == IPC_CHILD_EXIT) {
			mach_msg_destroy(header);
			return 0;
		}
		if (id < PAGER_CHILD_MAP || id > PAGER_CHILD_SERVE ||
		    header->msgh_size < sizeof(struct pager_child_message) ||
		    !MACH_PORT_VALID(reply_port)) {
			/* Pings (IPC_CHILD_PING) get an empty answer like ipc_child's. */
			if (id == IPC_CHILD_PING && MACH_PORT_VALID(reply_port)) {
				header->msgh_remote_port = MACH_PORT_NULL;
				mach_msg_destroy(header);
				(void)ipc_send_simple(reply_port, MACH_MSG_TYPE_MOVE_SEND_ONCE,
				                      MACH_PORT_NULL, 0, id + 100, 0,
				                      MACH_SEND_TIMEOUT, 1000);
				continue;
			}
			mach_msg_destroy(header);
			continue;
		}
		struct pager_child_message reply;
		pager_child_message_init(&reply, id + PAGER_CHILD_REPLY_OFFSET, MACH_PORT_NULL, 0);
		serve_request(&request.message, &reply);
		reply.header.msgh_bits |= MACH_MSGH_BITS(reply_type == MACH_MSG_TYPE_PORT_SEND_ONCE
		                                             ? MACH_MSG_TYPE_MOVE_SEND_ONCE
		                                             : MACH_MSG_TYPE_MOVE_SEND,
		                                         0);
		reply.header.msgh_remote_port = reply_port;
		if (mach_msg(&reply.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(reply), 0,
		             MACH_PORT_NULL, 1000, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			mach_msg_destroy(&reply.header);
	}
}
