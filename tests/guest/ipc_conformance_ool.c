/* Conformance: out-of-line memory: contents arrive at a new address, the
 * sender's copy stays unless the deallocate flag is set, and the receiver can
 * release it. */
#include "ipc_conformance.h"

#define OOL_SIZE (3 * 4096)

static mach_msg_return_t send_ool(mach_port_t port, vm_address_t data, boolean_t deallocate)
{
	struct ipc_ool_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = port,
	    .header.msgh_id = 400,
	    .data_type = {.msgtl_header = {.msgt_inline = FALSE,
	                                   .msgt_longform = TRUE,
	                                   .msgt_deallocate = deallocate},
	                  .msgtl_name = MACH_MSG_TYPE_BYTE,
	                  .msgtl_size = 8,
	                  .msgtl_number = OOL_SIZE},
	    .address = data,
	};
	return mach_msg(&message.header, MACH_SEND_MSG, sizeof(message), 0, MACH_PORT_NULL, 0,
	                MACH_PORT_NULL);
}

static bool pattern_matches(vm_address_t data, uint8_t seed)
{
	for (unsigned i = 0; i < OOL_SIZE; i++) {
		if (((uint8_t *)data)[i] != (uint8_t)(i * 7 + seed))
			return false;
	}
	return true;
}

void conformance_out_of_line(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	vm_address_t data = 0;
	check(vm_allocate(self, &data, OOL_SIZE, TRUE) == KERN_SUCCESS, "vm_allocate 3 pages");
	for (unsigned i = 0; i < OOL_SIZE; i++)
		((uint8_t *)data)[i] = (uint8_t)(i * 7 + 1);

	check(send_ool(port, data, FALSE) == MACH_MSG_SUCCESS,
	      "a 3-page out-of-line message is sent");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          !ipc_received.ool.data_type.msgtl_header.msgt_inline,
	      "it is received with an out-of-line item");
	vm_address_t received = ipc_received.ool.address;
	check(received != 0 && received != data &&
	          ipc_received.ool.data_type.msgtl_number == OOL_SIZE,
	      "the data arrives at a new address with its size");
	check(received != 0 && pattern_matches(received, 1),
	      "the received contents are the sent ones");
	((uint8_t *)data)[0] = 0xee;
	check(received != 0 && ((uint8_t *)received)[0] == 1,
	      "the received copy does not change with the sender's memory");
	check(pattern_matches(data, 1) == false && ((uint8_t *)data)[1] == 8,
	      "without the deallocate flag the sender keeps its memory");
	mach_msg_destroy(&ipc_received.header);
	vm_address_t probe = received;
	check(vm_allocate(self, &probe, 4096, FALSE) == KERN_SUCCESS,
	      "mach_msg_destroy released the received region");
	(void)vm_deallocate(self, probe, 4096);

	((uint8_t *)data)[0] = 1;
	check(send_ool(port, data, TRUE) == MACH_MSG_SUCCESS,
	      "an out-of-line message with the deallocate flag is sent");
	probe = data;
	check(vm_allocate(self, &probe, OOL_SIZE, FALSE) == KERN_SUCCESS,
	      "the deallocate flag removed the region from the sender");
	(void)vm_deallocate(self, probe, OOL_SIZE);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          pattern_matches(ipc_received.ool.address, 1),
	      "the moved region arrives intact");
	mach_msg_destroy(&ipc_received.header);

	check(send_ool(port, 0x10, FALSE) == MACH_SEND_INVALID_MEMORY,
	      "an out-of-line address that is not mapped is MACH_SEND_INVALID_MEMORY");
	check(send_ool(port, 0xffff800000000000ull, FALSE) == MACH_SEND_INVALID_MEMORY,
	      "an out-of-line address in the kernel half is MACH_SEND_INVALID_MEMORY");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "refused out-of-line messages were not queued");
	(void)mach_port_destroy(self, port);
}
