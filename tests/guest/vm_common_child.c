/* Child tasks of the VM programs, parent side: task_create with inherited memory,
 * an agent thread started in the child, and requests to it with a timeout. */
#include "vm_common.h"
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>

#define AGENT_STACK_SIZE (64 * 1024)
/* A child that died or never ran costs a failed check, never a hang. */
#define AGENT_TIMEOUT_MS 5000

static bool start_agent(struct vm_child *child)
{
	if (vm_allocate(child->task, &child->stack, AGENT_STACK_SIZE, TRUE) != KERN_SUCCESS)
		return false;
	mach_port_t name = MACH_PORT_NULL;
	mach_msg_type_name_t type = 0;
	if (mach_port_allocate(child->task, MACH_PORT_RIGHT_RECEIVE, &name) != KERN_SUCCESS)
		return false;
	child->agent_name = name;
	if (mach_port_extract_right(child->task, name, MACH_MSG_TYPE_MAKE_SEND, &child->agent,
	                            &type) != KERN_SUCCESS)
		return false;
	if (child->task != mach_task_self() &&
	    task_set_special_port(child->task, TASK_EXCEPTION_PORT, vm_faults_port()) !=
	        KERN_SUCCESS)
		return false;
	if (thread_create(child->task, &child->thread) != KERN_SUCCESS)
		return false;
	/* In our own task the agent's faults come to the same port, as its thread's. */
	if (child->task == mach_task_self() &&
	    thread_set_special_port(child->thread, THREAD_EXCEPTION_PORT, vm_faults_port()) !=
	        KERN_SUCCESS)
		return false;
	struct i386_thread_state state = {0};
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	if (thread_get_state(child->thread, i386_THREAD_STATE, (thread_state_t)&state, &count) !=
	    KERN_SUCCESS)
		return false;
	state.rip = (uint64_t)vm_agent_main;
	/* Entered as if called: rsp + 8 is 16-byte aligned. */
	state.ursp = child->stack + AGENT_STACK_SIZE - 8;
	state.rdi = name;
	if (thread_set_state(child->thread, i386_THREAD_STATE, (thread_state_t)&state,
	                     i386_THREAD_STATE_COUNT) != KERN_SUCCESS)
		return false;
	if (thread_resume(child->thread) != KERN_SUCCESS)
		return false;
	return vm_child_alive(child);
}

bool vm_child_fork(mach_port_t parent_task, struct vm_child *child)
{
	*child = (struct vm_child){0};
	kern_return_t created = task_create(parent_task, TRUE, &child->task);
	if (created != KERN_SUCCESS) {
		print("# vm: task_create(inherit_memory TRUE) answered 0x%x\n", created);
		child->task = MACH_PORT_NULL;
		child->silent = true;
		return false;
	}
	child->reply = ipc_new_receive();
	if (!start_agent(child)) {
		print("# vm: the agent did not start in the new task\n");
		child->silent = true;
		return false;
	}
	return true;
}

bool vm_child_in_own_task(struct vm_child *child)
{
	mach_port_t self = mach_task_self();
	*child = (struct vm_child){.task = self};
	(void)mach_port_mod_refs(self, self, MACH_PORT_RIGHT_SEND, 1);
	child->reply = ipc_new_receive();
	if (!start_agent(child)) {
		print("# vm: the agent did not start\n");
		child->silent = true;
		return false;
	}
	return true;
}

static enum vm_child_result call(struct vm_child *child, enum vm_agent_operation operation,
                                 uint64_t address, uint64_t size, uint64_t value, uint64_t *answer)
{
	if (child->silent || !MACH_PORT_VALID(child->agent) || !MACH_PORT_VALID(child->reply))
		return VM_CHILD_NO_ANSWER;
	struct vm_agent_request request = {
	    .header.msgh_bits =
	        MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
	    .header.msgh_size = sizeof(request),
	    .header.msgh_remote_port = child->agent,
	    .header.msgh_local_port = child->reply,
	    .header.msgh_id = VM_AGENT_REQUEST_ID,
	    .words_type = {.msgt_name = MACH_MSG_TYPE_INTEGER_64,
	                   .msgt_size = 64,
	                   .msgt_number = 5,
	                   .msgt_inline = TRUE},
	    .sequence = ++child->sequence,
	    .operation = operation,
	    .address = address,
	    .size = size,
	    .value = value,
	};
	mach_msg_return_t result =
	    mach_msg(&request.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(request), 0,
	             MACH_PORT_NULL, AGENT_TIMEOUT_MS, MACH_PORT_NULL);
	for (;;) {
		if (result == MACH_MSG_SUCCESS)
			result = ipc_receive(child->reply, MACH_RCV_TIMEOUT, AGENT_TIMEOUT_MS);
		if (result != MACH_MSG_SUCCESS) {
			print("# vm: the child's agent did not answer (0x%x)\n", result);
			child->silent = true;
			return VM_CHILD_NO_ANSWER;
		}
		const struct vm_agent_reply *reply = (const void *)&ipc_received;
		if (reply->header.msgh_id != VM_AGENT_REPLY_ID) {
			/* A send-once notification: the child died holding our reply right. */
			mach_msg_destroy(&ipc_received.header);
			print("# vm: the child's agent is gone (message %d)\n",
			      reply->header.msgh_id);
			child->silent = true;
			return VM_CHILD_NO_ANSWER;
		}
		if (reply->sequence != request.sequence)
			continue; /* the late answer to an earlier request */
		if (answer)
			*answer = reply->value;
		return reply->result <= VM_CHILD_NO_ANSWER ? (enum vm_child_result)reply->result
		                                           : VM_CHILD_NO_ANSWER;
	}
}

bool vm_child_alive(struct vm_child *child)
{
	uint64_t answer = 0;
	return call(child, VM_AGENT_PING, 0, 0, 0, &answer) == VM_CHILD_DONE &&
	       answer == VM_AGENT_ALIVE;
}

enum vm_child_result vm_child_read(struct vm_child *child, uint64_t address, uint64_t *value)
{
	return call(child, VM_AGENT_READ, address, 0, 0, value);
}

enum vm_child_result vm_child_write(struct vm_child *child, uint64_t address, uint64_t value)
{
	return call(child, VM_AGENT_WRITE, address, 0, value, NULL);
}

enum vm_child_result vm_child_fill(struct vm_child *child, uint64_t address, uint64_t size,
                                   uint64_t value)
{
	return call(child, VM_AGENT_FILL, address, size, value, NULL);
}

enum vm_child_result vm_child_count(struct vm_child *child, uint64_t address, uint64_t size,
                                    uint64_t value, uint64_t *matching)
{
	*matching = 0;
	return call(child, VM_AGENT_COUNT, address, size, value, matching);
}

void vm_child_crash(struct vm_child *child)
{
	(void)call(child, VM_AGENT_CRASH, 0, 0, 0, NULL);
}

void vm_child_end(struct vm_child *child)
{
	mach_port_t self = mach_task_self();
	if (child->task == self) {
		/* Our own task: only the agent goes, with its port and stack. */
		if (MACH_PORT_VALID(child->thread))
			(void)thread_terminate(child->thread);
		if (MACH_PORT_VALID(child->agent_name))
			(void)mach_port_mod_refs(self, child->agent_name, MACH_PORT_RIGHT_RECEIVE,
			                         -1);
		if (child->stack)
			(void)vm_deallocate(self, child->stack, AGENT_STACK_SIZE);
		(void)mach_port_deallocate(self, child->task);
		child->task = MACH_PORT_NULL;
	}
	if (MACH_PORT_VALID(child->task)) {
		(void)task_terminate(child->task);
		(void)mach_port_deallocate(self, child->task);
	}
	if (MACH_PORT_VALID(child->thread))
		(void)mach_port_deallocate(self, child->thread);
	if (MACH_PORT_VALID(child->agent))
		(void)mach_port_deallocate(self, child->agent);
	if (MACH_PORT_VALID(child->reply))
		(void)mach_port_destroy(self, child->reply);
	*child = (struct vm_child){.silent = true};
}
