/* Conformance: port sets: moving members in and out, receiving from the set,
 * mach_port_get_set_status, and receiving directly on a member. */
#include "ipc_conformance.h"

static bool set_lists(mach_port_t set, mach_port_t member, unsigned expected_count)
{
	mach_port_name_array_t members = 0;
	mach_msg_type_number_t count = 0;
	if (mach_port_get_set_status(mach_task_self(), set, &members, &count) != KERN_SUCCESS)
		return false;
	bool found = member == MACH_PORT_NULL;
	for (mach_msg_type_number_t i = 0; i < count; i++)
		found = found || members[i] == member;
	if (count > 0)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)members,
		                    count * sizeof(*members));
	return found && count == expected_count;
}

void conformance_port_sets(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t set = MACH_PORT_NULL, other_set = MACH_PORT_NULL;
	(void)mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set);
	(void)mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &other_set);
	mach_port_t first = ipc_new_receive(), second = ipc_new_receive();

	check(set_lists(set, MACH_PORT_NULL, 0), "a new port set has no members");
	check(mach_port_move_member(self, first, set) == KERN_SUCCESS &&
	          mach_port_move_member(self, second, set) == KERN_SUCCESS,
	      "mach_port_move_member puts two ports into the set");
	check(set_lists(set, first, 2) && set_lists(set, second, 2),
	      "mach_port_get_set_status lists both members");
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, first, &status) == KERN_SUCCESS &&
	          status.mps_pset == set,
	      "a member's receive status names its set");
	check(ipc_receive(set, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "receiving from an empty set with timeout 0 times out");
	check(ipc_send_simple(second, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 200, 2, 0, 0) ==
	              MACH_MSG_SUCCESS &&
	          ipc_receive(set, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS,
	      "a message to a member is received through the set");
	check(ipc_received.header.msgh_local_port == second && ipc_received.simple.value == 2,
	      "the received header names the member it arrived on");
	check(ipc_receive(first, MACH_RCV_TIMEOUT, 0) == MACH_RCV_IN_SET,
	      "receiving directly on a member of a set is MACH_RCV_IN_SET");
	check(mach_port_move_member(self, first, other_set) == KERN_SUCCESS &&
	          set_lists(set, second, 1) && set_lists(other_set, first, 1),
	      "mach_port_move_member moves a member from one set to another");
	check(mach_port_move_member(self, first, MACH_PORT_NULL) == KERN_SUCCESS &&
	          set_lists(other_set, MACH_PORT_NULL, 0),
	      "moving a member to MACH_PORT_NULL takes it out of its set");
	check(ipc_send_simple(first, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 201, 1, 0, 0) ==
	              MACH_MSG_SUCCESS &&
	          ipc_receive(first, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS,
	      "a port out of any set receives directly again");
	check(mach_port_move_member(self, set, other_set) != KERN_SUCCESS,
	      "a port set cannot be a member of a set");
	check(mach_port_move_member(self, 0x7ffff1, set) == KERN_INVALID_NAME,
	      "moving a name that does not exist is KERN_INVALID_NAME");
	check(mach_port_destroy(self, set) == KERN_SUCCESS &&
	          mach_port_get_receive_status(self, second, &status) == KERN_SUCCESS &&
	          status.mps_pset == MACH_PORT_NULL,
	      "destroying a set frees its members, which stay ports");
	(void)mach_port_destroy(self, other_set);
	(void)mach_port_destroy(self, first);
	(void)mach_port_destroy(self, second);
}
