/* Pager suite, garbage on the control port: unknown ids, truncated and random
 * bodies with the ids of the pager's calls, rights and memory in a rejected
 * message, absurd lock requests and attribute changes. The kernel stays up,
 * releases what it was sent, and the object still serves its data. */
#include "pager_tests.h"
#include "ipc_common.h"

#define CONTROL_SIZE (64 * KIB)

/* The ids of mach.defs' calls on a control port. */
static const mach_msg_id_t control_ids[] = {2039, 2040, 2044, 2090, 2092, 2093, 2094, 2095};

static uint64_t random_state = 0x9e3779b97f4a7c15ull;
static uint32_t random_word(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return (uint32_t)random_state;
}

/* Sends a message of `size` bytes (header included) with the given body words
 * and, if reply is valid, waits a little for an answer; returns the answer's
 * RetCode, MACH_RCV_TIMED_OUT if none came, or the send error. */
static kern_return_t send_raw(mach_port_t control, mach_msg_id_t id, const uint32_t *body,
                              mach_msg_size_t size, mach_port_t reply)
{
	union {
		mach_msg_header_t header;
		mig_reply_header_t mig;
		uint8_t bytes[1024];
	} message;
	memset(&message, 0, sizeof(message));
	message.header.msgh_bits = MACH_MSGH_BITS(
	    MACH_MSG_TYPE_COPY_SEND, MACH_PORT_VALID(reply) ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0);
	message.header.msgh_size = size;
	message.header.msgh_remote_port = control;
	message.header.msgh_local_port = reply;
	message.header.msgh_id = id;
	if (size > sizeof(mach_msg_header_t))
		memcpy(message.bytes + sizeof(mach_msg_header_t), body,
		       size - sizeof(mach_msg_header_t));
	mach_msg_return_t result = mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	                                    size, 0, MACH_PORT_NULL, 1000, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS || !MACH_PORT_VALID(reply))
		return result;
	result = mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(message),
	                  reply, 200, MACH_PORT_NULL);
	if (result != MACH_MSG_SUCCESS)
		return result;
	kern_return_t code = message.header.msgh_size >= sizeof(mig_reply_header_t)
	                         ? message.mig.RetCode
	                         : KERN_FAILURE;
	mach_msg_destroy(&message.header);
	return code;
}

static void random_messages(mach_port_t control)
{
	mach_port_t reply = ipc_new_receive();
	uint32_t body[64] = {0};
	kern_return_t unknown = send_raw(control, 31337, body, sizeof(mach_msg_header_t), reply);
	check(unknown == MIG_BAD_ID, "garbage control: an unknown id is answered MIG_BAD_ID (0x%x)",
	      unknown);
	unsigned sent = 0;
	for (unsigned i = 0; i < sizeof(control_ids) / sizeof(control_ids[0]); i++) {
		/* Header only, then random bodies of several sizes. */
		if (send_raw(control, control_ids[i], body, sizeof(mach_msg_header_t), reply) !=
		    MACH_SEND_TIMED_OUT)
			sent++;
		for (unsigned round = 0; round < 6; round++) {
			for (unsigned w = 0; w < 64; w++)
				body[w] = random_word();
			mach_msg_size_t size = sizeof(mach_msg_header_t) + 4 * (1 + round * 9);
			if (send_raw(control, control_ids[i], body, size, reply) !=
			    MACH_SEND_TIMED_OUT)
				sent++;
		}
	}
	check(sent == 7 * sizeof(control_ids) / sizeof(control_ids[0]),
	      "garbage control: truncated and random bodies with the ids of the pager's calls "
	      "are taken without blocking (%u)",
	      sent);
	(void)mach_port_destroy(mach_task_self(), reply);
}

/* A message carrying a send right and a page of memory, with an id the
 * control port does not serve: the kernel must drop both. */
static void rights_in_rejected_message(mach_port_t control)
{
	mach_port_t carried = ipc_new_receive();
	vm_address_t page = 0;
	(void)vm_allocate(mach_task_self(), &page, PAGE, TRUE);
	struct ipc_ool_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = control,
	    .header.msgh_id = 2093,
	    .data_type =
	        {
	            .msgtl_header = {.msgt_inline = FALSE, .msgt_longform = TRUE},
	            .msgtl_name = MACH_MSG_TYPE_BYTE,
	            .msgtl_size = 8,
	            .msgtl_number = PAGE,
	        },
	    .address = page,
	};
	mach_msg_return_t result =
	    mach_msg(&message.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(message), 0,
	             MACH_PORT_NULL, 1000, MACH_PORT_NULL);
	check(result == MACH_MSG_SUCCESS,
	      "garbage control: memory sent to the control port in a malformed data_supply is "
	      "taken (0x%x)",
	      result);
	result = ipc_send_port(control, 4242, carried, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_status_t status;
	bool released = pager_wait_until(
	    mach_port_get_receive_status(mach_task_self(), carried, &status) == KERN_SUCCESS &&
	        !status.mps_srights,
	    2000);
	check(result == MACH_MSG_SUCCESS && released,
	      "garbage control: a send right sent in a message the kernel rejects is released "
	      "(0x%x)",
	      result);
	(void)mach_port_destroy(mach_task_self(), carried);
	(void)vm_deallocate(mach_task_self(), page, PAGE);
}

static void absurd_requests(struct pager *pager)
{
	mach_port_t control = pager->control;
	(void)memory_object_lock_request(control, 0xfffffffffffff000ull, 0xfffffffffffff000ull,
	                                 MEMORY_OBJECT_RETURN_ALL, TRUE, VM_PROT_NO_CHANGE,
	                                 pager->object);
	(void)memory_object_lock_request(control, 0x123, 0x10, MEMORY_OBJECT_RETURN_DIRTY, FALSE,
	                                 VM_PROT_NO_CHANGE, pager->object);
	(void)memory_object_lock_request(control, 0, CONTROL_SIZE, 77, 3, 0x7fff0000,
	                                 MACH_PORT_NULL);
	(void)memory_object_data_unavailable(control, 0xfffffffffffff000ull, 0x2000);
	(void)memory_object_ready(control, FALSE, 77);
	uint32_t from = pager_event_total(pager);
	(void)memory_object_change_attributes(control, FALSE, 77, MACH_PORT_NULL);
	kern_return_t changed = memory_object_change_attributes(
	    control, FALSE, MEMORY_OBJECT_COPY_DELAY, pager->object);
	check(changed == KERN_SUCCESS &&
	          pager_wait_until(pager_find(pager, PAGER_EVENT_CHANGE_COMPLETED, from), 3000),
	      "garbage control: after nonsense attributes, memory_object_change_attributes still "
	      "answers memory_object_change_completed");
	boolean_t ready = FALSE, may_cache = TRUE;
	memory_object_copy_strategy_t strategy = -1;
	kern_return_t result = memory_object_get_attributes(control, &ready, &may_cache, &strategy);
	check(result == KERN_SUCCESS && ready && !may_cache && strategy == MEMORY_OBJECT_COPY_DELAY,
	      "garbage control: and the object has the attributes last set (0x%x: %d %d %d)",
	      result, ready, may_cache, strategy);
}

void pager_tests_garbage_control(void)
{
	struct pager pager;
	if (!pager_open(&pager, CONTROL_SIZE, 0x6c, false))
		return;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {CONTROL_SIZE};
	kern_return_t mapped = pager_map(&pager, CONTROL_SIZE, 0, FALSE, &mappings[0]);
	if (check(mapped == KERN_SUCCESS && pager_wait_until(pager.control, 5000),
	          "garbage control: an object is mapped and its pager has the control port (0x%x)",
	          mapped)) {
		struct probe first = {0};
		probe_set_pager_range(&first, (void *)mappings[0], CONTROL_SIZE / 2, &pager, 0);
		(void)probe_run(&first, 30000);
		random_messages(pager.control);
		rights_in_rejected_message(pager.control);
		absurd_requests(&pager);
		struct probe after = {0};
		probe_set_pager_range(&after, (void *)mappings[0], CONTROL_SIZE, &pager, 0);
		bool finished = probe_run(&after, 30000);
		check(
		    finished && !after.mismatches && !after.exceptions &&
		        after.words_checked == CONTROL_SIZE / 8,
		    "garbage control: the object still serves its data (%lu wrong, %u exceptions)",
		    (unsigned long)after.mismatches, after.exceptions);
	}
	pager_tests_unmap_all(&pager, "garbage control", mappings, sizes, 1);
	pager_close(&pager);
}
